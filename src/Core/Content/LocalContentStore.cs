using System.Runtime.CompilerServices;
using Drydock.Core.Oci;

namespace Drydock.Core.Content;

/// <summary>
/// The content store on disk: <c>content/blobs/sha256/&lt;hex&gt;</c>, with ingests in <c>content/ingest/</c>
/// on the same file system. A blob appears only by rename(2) of a complete, fsync'd, digest-verified file, so
/// readers never see partial data and two processes committing the same blob both succeed (the second rename
/// replaces identical bytes). Nothing here needs a lock; deletion is left to the garbage collector, which
/// coordinates with writers through leases.
/// </summary>
public sealed class LocalContentStore : IContentStore
{
    private readonly string _blobs;
    private readonly TimeProvider _time;

    public LocalContentStore(DrydockRoot root, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root.Content;
        _blobs = System.IO.Path.Combine(Root, "blobs");
        IngestDirectory = System.IO.Path.Combine(Root, "ingest");
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The content directory (<see cref="DrydockRoot.Content"/>).</summary>
    public string Root { get; }

    internal string IngestDirectory { get; }

    /// <summary>Where the blob lives (whether or not it exists).</summary>
    public string BlobPath(Digest digest)
    {
        if (digest.IsEmpty) throw new ArgumentException("empty digest", nameof(digest));
        return System.IO.Path.Combine(_blobs, digest.Algorithm, digest.Encoded);
    }

    public ValueTask<ContentInfo?> TryGetInfoAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = new FileInfo(BlobPath(digest));
        return ValueTask.FromResult(file.Exists ? new ContentInfo(digest, file.Length, file.LastWriteTimeUtc) : null);
    }

    public ValueTask<Stream> OpenReadAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            Stream s = new FileStream(BlobPath(digest), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read | FileShare.Delete,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = 0,
            });
            return ValueTask.FromResult(s);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DrydockException(ErrorKind.NotFound, $"blob '{digest}' not found in the content store");
        }
    }

    public ValueTask<IContentWriter> OpenWriterAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);
        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(IngestDirectory);
        // The pid prefix lets the garbage collector remove ingests of processes that died mid-write.
        string path = System.IO.Path.Combine(IngestDirectory, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        return ValueTask.FromResult<IContentWriter>(new LocalContentWriter(this, reference, path));
    }

    public ValueTask DeleteAsync(Digest digest, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            File.Delete(BlobPath(digest));
        }
        catch (DirectoryNotFoundException)
        {
        }
        return ValueTask.CompletedTask;
    }

    public async IAsyncEnumerable<ContentInfo> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_blobs)) yield break;
        foreach (string algorithmDir in Directory.EnumerateDirectories(_blobs))
        {
            string algorithm = System.IO.Path.GetFileName(algorithmDir);
            foreach (var file in new DirectoryInfo(algorithmDir).EnumerateFiles())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Digest.TryParse($"{algorithm}:{file.Name}", out Digest d))
                    yield return new ContentInfo(d, file.Length, file.LastWriteTimeUtc);
            }
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a manifest, index or config in one synchronous read: they are small, and listing images reads two
    /// per image, where an asynchronous open and copy would cost more than the read itself.
    /// </summary>
    internal byte[] ReadSmallBlob(Digest digest, long maxSize, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var handle = File.OpenHandle(BlobPath(digest), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
            long length = RandomAccess.GetLength(handle);
            if (length > maxSize) throw ContentStoreExtensions.TooLarge(digest, length, maxSize);
            byte[] bytes = new byte[length];
            int read = 0;
            while (read < bytes.Length)
            {
                int n = RandomAccess.Read(handle, bytes.AsSpan(read), read);
                if (n == 0) break;
                read += n;
            }
            return read == bytes.Length ? bytes : bytes[..read];
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DrydockException(ErrorKind.NotFound, $"blob '{digest}' not found in the content store");
        }
    }

    /// <summary>
    /// Moves a verified (and already fsync'd) ingest file into place; rename(2) within one file system is atomic,
    /// so the blob is either absent or complete.
    /// </summary>
    internal void Publish(string ingestPath, Digest digest)
    {
        string target = BlobPath(digest);
        string dir = System.IO.Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(dir);
        File.Move(ingestPath, target, overwrite: true);
        File.SetLastWriteTimeUtc(target, _time.GetUtcNow().UtcDateTime);
    }
}

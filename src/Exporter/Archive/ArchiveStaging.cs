using System.Formats.Tar;
using System.IO.Compression;
using Drydock.Core;
using Drydock.Core.Content;

namespace Drydock.Exporter.Archive;

/// <summary>
/// Reads every file of an archive (tar, gzip'd tar, or a layout directory) into uncommitted ingests, hashing
/// each on the way. Files under blobs/ are checked against the digest their name claims as soon as they are
/// read. Disposing discards every ingest that was not committed.
/// </summary>
internal sealed class ArchiveStaging : IAsyncDisposable
{
    private const int KeepInMemory = 4 << 20;
    private static readonly string[] s_metadataFiles = [LayoutPaths.OciLayout, LayoutPaths.Index, LayoutPaths.DockerManifest, LayoutPaths.DockerRepositories];
    private readonly IContentStore _content;
    private readonly Dictionary<string, StagedEntry> _entries = new(StringComparer.Ordinal);

    private ArchiveStaging(IContentStore content) => _content = content;

    public IReadOnlyDictionary<string, StagedEntry> Entries => _entries;

    public static async Task<ArchiveStaging> ReadAsync(IContentStore content, string path, CancellationToken cancellationToken)
    {
        var staging = new ArchiveStaging(content);
        try
        {
            if (Directory.Exists(path)) await staging.ReadDirectoryAsync(path, cancellationToken).ConfigureAwait(false);
            else await staging.ReadTarAsync(path, cancellationToken).ConfigureAwait(false);
            return staging;
        }
        catch
        {
            await staging.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public StagedEntry? TryGet(string path) => _entries.GetValueOrDefault(path);

    private async Task ReadTarAsync(string path, CancellationToken cancellationToken)
    {
        Stream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            throw new DrydockException(ErrorKind.NotFound, "no such file or directory");
        }
        await using (file.ConfigureAwait(false))
        {
            Stream input = await IsGzipAsync(file, cancellationToken).ConfigureAwait(false) ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
            await using (input.ConfigureAwait(false))
            {
                var reader = new TarReader(input, leaveOpen: true);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                    {
                        if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                        string name = Normalize(entry.Name);
                        StagedEntry staged = await StageAsync(name, entry.DataStream ?? Stream.Null, cancellationToken).ConfigureAwait(false);
                        if (staged.Size != entry.Length)
                            throw new DrydockException(ErrorKind.DataCorrupted, $"the archive is truncated: '{name}' ends after {staged.Size} of {entry.Length} bytes");
                    }
                }
            }
        }
    }

    private async Task ReadDirectoryAsync(string root, CancellationToken cancellationToken)
    {
        foreach (string file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            string name = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            var data = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (data.ConfigureAwait(false))
            {
                await StageAsync(name, data, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<StagedEntry> StageAsync(string name, Stream data, CancellationToken cancellationToken)
    {
        if (_entries.Remove(name, out StagedEntry? replaced) && replaced.Writer is not null)
            await replaced.Writer.DisposeAsync().ConfigureAwait(false);
        bool metadata = s_metadataFiles.Contains(name);
        IContentWriter? writer = metadata ? null : await _content.OpenWriterAsync("load " + name, cancellationToken).ConfigureAwait(false);
        try
        {
            var memory = new MemoryStream();
            using var hashing = new HashingStream(writer?.Data ?? Stream.Null, leaveOpen: true);
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = await data.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await hashing.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                if (memory.Length <= KeepInMemory) memory.Write(buffer, 0, n);
            }
            Digest digest = hashing.GetDigest();
            if (LayoutPaths.TryBlobDigest(name) is { } claimed && claimed != digest)
                throw new DrydockException(ErrorKind.DataCorrupted, $"blob '{name}' is corrupt: its content has digest {digest} (digest mismatch)");
            byte[] all = memory.ToArray();
            byte[]? bytes = hashing.BytesWritten <= KeepInMemory ? all : null;
            var staged = new StagedEntry(name, digest, hashing.BytesWritten, bytes, all.AsMemory(0, Math.Min(all.Length, 8)), writer);
            _entries[name] = staged;
            return staged;
        }
        catch
        {
            if (writer is not null) await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string Normalize(string name)
    {
        while (name.StartsWith("./", StringComparison.Ordinal)) name = name[2..];
        return name.TrimStart('/');
    }

    private static async Task<bool> IsGzipAsync(Stream file, CancellationToken cancellationToken)
    {
        byte[] magic = new byte[2];
        int read = await file.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (StagedEntry e in _entries.Values)
            if (e.Writer is not null) await e.Writer.DisposeAsync().ConfigureAwait(false);
        _entries.Clear();
    }
}

using Drydock.Core.Oci;

namespace Drydock.Core.Content;

/// <summary>An ingest file of <see cref="LocalContentStore"/>: hashed while written, verified, synced, renamed.</summary>
internal sealed class LocalContentWriter : IContentWriter
{
    private readonly LocalContentStore _store;
    private readonly string _reference;
    private readonly string _path;
    private readonly FileStream _file;
    private readonly HashingStream _hashing;
    private bool _committed;

    public LocalContentWriter(LocalContentStore store, string reference, string path)
    {
        _store = store;
        _reference = reference;
        _path = path;
        _file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous,
            BufferSize = 1 << 16,
        });
        _hashing = new HashingStream(new WritebackStream(_file), leaveOpen: true);
    }

    public Stream Data => _hashing;

    public async ValueTask<Descriptor> CommitAsync(string mediaType, Digest? expected, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mediaType);
        ObjectDisposedException.ThrowIf(_committed, this);
        await _hashing.FlushAsync(cancellationToken).ConfigureAwait(false);
        Digest actual = _hashing.GetDigest();
        long size = _hashing.BytesWritten;
        if (expected is { } e && e != actual)
            throw new DrydockException(ErrorKind.DataCorrupted, $"failed to commit '{_reference}': digest mismatch: expected {e}, got {actual}");
        // fsync before the rename: otherwise a crash can leave a correctly named blob with missing data.
        _file.Flush(flushToDisk: true);
        await _file.DisposeAsync().ConfigureAwait(false);
        _store.Publish(_path, actual);
        _committed = true;
        return new Descriptor(mediaType, actual, size);
    }

    public async ValueTask DisposeAsync()
    {
        await _hashing.DisposeAsync().ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
        if (!_committed)
        {
            try
            {
                File.Delete(_path);
            }
            catch (IOException)
            {
                // the garbage collector removes ingests of dead processes
            }
        }
    }
}

using System.Text.Json;

namespace Drydock.Core.Leases;

/// <summary>
/// Protection for content that a build, load or pull has written but no image or cache record refers to yet.
/// While the lease lives, the garbage collector keeps every blob it lists (and what those reference) and every
/// blob written since it was taken. Dispose it once the records that make the content reachable are written.
/// <code>
/// await using Lease lease = await leases.CreateAsync("load archive.tar", ct);
/// Descriptor d = await store.WriteBlobAsync(bytes, mediaType, ct);
/// await lease.AddAsync(d.Digest, ct);
/// await images.SetAsync(record, ct);   // now reachable: the lease may go
/// </code>
/// </summary>
public sealed class Lease : IAsyncDisposable
{
    private readonly string _path;
    private readonly List<Digest> _digests = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LeaseRecord _record;
    private bool _released;

    internal Lease(string path, LeaseRecord record)
    {
        _path = path;
        _record = record;
    }

    public string Id => _record.Id;

    public DateTimeOffset Created => _record.Created;

    /// <summary>Adds digests to protect explicitly (and everything they reference).</summary>
    public async ValueTask AddAsync(IEnumerable<Digest> digests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digests);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _digests.AddRange(digests);
            _record = _record with { Digests = [.. _digests] };
            await WriteAsync(_path, _record, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask AddAsync(Digest digest, CancellationToken cancellationToken = default) => AddAsync([digest], cancellationToken);

    public ValueTask DisposeAsync()
    {
        if (_released) return ValueTask.CompletedTask;
        _released = true;
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // a dead lease is removed by the next garbage collection
        }
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    internal static async ValueTask WriteAsync(string path, LeaseRecord record, CancellationToken cancellationToken)
    {
        string tmp = path + ".tmp";
        await File.WriteAllBytesAsync(tmp, JsonSerializer.SerializeToUtf8Bytes(record, LeaseJsonContext.Default.LeaseRecord), cancellationToken).ConfigureAwait(false);
        File.Move(tmp, path, overwrite: true);
    }
}

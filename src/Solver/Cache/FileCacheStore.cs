using System.Text.Json;
using Drydock.Core;

namespace Drydock.Solver.Cache;

/// <summary>
/// Cache records as small JSON files under <c>cache/solver/records/&lt;hex&gt;</c>, written to a temporary name
/// and renamed, so concurrent builds on one root never see half a record. A file's mtime is its last use.
/// </summary>
public sealed class FileCacheStore : ICacheStore
{
    private readonly string _records;
    private readonly TimeProvider _time;

    public FileCacheStore(DrydockRoot root, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        Directory = Path.Combine(root.Cache, "solver");
        _records = Path.Combine(Directory, "records");
        _time = timeProvider ?? TimeProvider.System;
        System.IO.Directory.CreateDirectory(_records);
    }

    /// <summary>The solver's cache directory (records, step history, context checksums).</summary>
    public string Directory { get; }

    public async ValueTask<string?> TryGetSnapshotAsync(CacheKey key, CancellationToken cancellationToken = default)
    {
        string path = RecordPath(key);
        CacheRecord? record;
        try
        {
            byte[] json = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            record = JsonSerializer.Deserialize(json, CacheJsonContext.Default.CacheRecord);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null; // unreadable: the step runs again and rewrites it
        }
        try
        {
            File.SetLastWriteTimeUtc(path, _time.GetUtcNow().UtcDateTime);
        }
        catch (IOException)
        {
            // pruned in between: the snapshot check that follows decides
        }
        return record?.Snapshot;
    }

    public async ValueTask PutAsync(CacheKey key, string snapshotName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(snapshotName);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(new CacheRecord(snapshotName, _time.GetUtcNow()), CacheJsonContext.Default.CacheRecord);
        await AtomicFile.WriteAsync(RecordPath(key), json, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every record with its key, snapshot and last use (for prune).</summary>
    public IEnumerable<(CacheKey Key, string Snapshot, DateTimeOffset LastUsed, string Path)> List()
    {
        foreach (string path in System.IO.Directory.EnumerateFiles(_records))
        {
            string name = Path.GetFileName(path);
            if (name.StartsWith('.')) continue;
            CacheRecord? record;
            try
            {
                record = JsonSerializer.Deserialize(File.ReadAllBytes(path), CacheJsonContext.Default.CacheRecord);
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                continue;
            }
            if (record is null) continue;
            yield return (new CacheKey(new Digest(Digest.Sha256Algorithm, name)), record.Snapshot, File.GetLastWriteTimeUtc(path), path);
        }
    }

    public void Delete(CacheKey key)
    {
        try
        {
            File.Delete(RecordPath(key));
        }
        catch (IOException)
        {
        }
    }

    private string RecordPath(CacheKey key) => Path.Combine(_records, key.Digest.Encoded);
}

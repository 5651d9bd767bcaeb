namespace Drydock.Solver.Cache;

/// <summary>
/// Cache records: a cache key maps to the committed snapshot that step produced. Records persist across
/// invocations and are shared by concurrent builds on one root: a put is atomic and last-writer-wins, and two
/// writers of one key wrote equivalent results by construction. A hit refreshes the record's last use (for prune).
/// </summary>
public interface ICacheStore
{
    ValueTask<string?> TryGetSnapshotAsync(CacheKey key, CancellationToken cancellationToken = default);

    ValueTask PutAsync(CacheKey key, string snapshotName, CancellationToken cancellationToken = default);
}

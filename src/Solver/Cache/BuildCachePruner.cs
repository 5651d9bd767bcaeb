using Drydock.Core;
using Drydock.Snapshotter;

namespace Drydock.Solver.Cache;

/// <summary>
/// `drydock builder prune`: removes cache records (all, those unused for a while, or the least recently used
/// beyond a size to keep) and the build snapshots nothing kept refers to any more, children before parents.
/// Build snapshots no record names (left by an interrupted build) go too. With <see cref="PruneOptions.All"/>
/// the RUN cache mounts, the context checksum memo and the step histories go as well.
/// </summary>
public sealed class BuildCachePruner(FileCacheStore cache, ISnapshotter snapshotter, DrydockRoot root, TimeProvider? timeProvider = null)
{
    private const string BuildPrefix = "build-";

    /// <summary>Called for each snapshot removed, so the exporter forgets the layer it computed for it.</summary>
    public Func<string, ValueTask>? SnapshotRemoved { get; init; }

    public async Task<PruneResult> PruneAsync(PruneOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        DateTimeOffset now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        var records = cache.List().ToList();
        var snapshots = new Dictionary<string, SnapshotInfo>(StringComparer.Ordinal);
        await foreach (SnapshotInfo s in snapshotter.WalkAsync(cancellationToken).ConfigureAwait(false))
            if (s.Kind == SnapshotKind.Committed && s.Name.StartsWith(BuildPrefix, StringComparison.Ordinal)) snapshots[s.Name] = s;

        var remove = records.Where(r => options.Until is not { } until || r.LastUsed < now - until).ToList();
        if (options.KeepStorage is { } keep)
        {
            var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var r in records) sizes[r.Snapshot] = await SizeAsync(r.Snapshot, cancellationToken).ConfigureAwait(false);
            long total = sizes.Values.Sum();
            var lru = remove.OrderBy(r => r.LastUsed).ToList();
            remove = [];
            foreach (var r in lru)
            {
                if (total <= keep) break;
                remove.Add(r);
                total -= sizes[r.Snapshot];
            }
        }
        var removedKeys = remove.Select(r => r.Key).ToHashSet();
        var kept = records.Where(r => !removedKeys.Contains(r.Key)).Select(r => r.Snapshot).ToHashSet(StringComparer.Ordinal);
        // a kept snapshot keeps its parents
        foreach (string name in kept.ToList())
            for (string? p = snapshots.GetValueOrDefault(name)?.Parent; p is not null && kept.Add(p); p = snapshots.GetValueOrDefault(p)?.Parent) { }
        foreach (var r in remove) cache.Delete(r.Key);

        var doomed = snapshots.Keys.Where(n => !kept.Contains(n)).ToHashSet(StringComparer.Ordinal);
        long reclaimed = 0;
        var removed = new List<string>();
        bool progress = true;
        while (doomed.Count > 0 && progress)
        {
            progress = false;
            foreach (string name in doomed.Where(n => !doomed.Any(o => snapshots[o].Parent == n)).ToList())
            {
                long size = await SizeAsync(name, cancellationToken).ConfigureAwait(false);
                try
                {
                    await snapshotter.RemoveAsync(name, cancellationToken).ConfigureAwait(false);
                }
                catch (DrydockException)
                {
                    doomed.Remove(name); // still a parent of something outside the build cache: keep it
                    continue;
                }
                doomed.Remove(name);
                removed.Add(name);
                reclaimed += size;
                progress = true;
                if (SnapshotRemoved is { } forget) await forget(name).ConfigureAwait(false);
            }
        }
        if (options.All) reclaimed += DeleteTree(Path.Combine(root.Cache, "mounts")) + DeleteTree(Path.Combine(cache.Directory, "context")) + DeleteTree(Path.Combine(cache.Directory, "steps"));
        return new PruneResult(removed, reclaimed);
    }

    private async ValueTask<long> SizeAsync(string name, CancellationToken ct)
    {
        try
        {
            return (await snapshotter.UsageAsync(name, ct).ConfigureAwait(false)).Size;
        }
        catch (DrydockException)
        {
            return 0;
        }
    }

    private static long DeleteTree(string dir)
    {
        if (!Directory.Exists(dir)) return 0;
        long size = 0;
        foreach (FileInfo f in new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories)) size += f.Length;
        Directory.Delete(dir, recursive: true);
        return size;
    }
}

public sealed record PruneOptions
{
    public bool All { get; init; }

    /// <summary>Only records not used for this long (--filter until=24h).</summary>
    public TimeSpan? Until { get; init; }

    /// <summary>Keep this many bytes of build snapshots, removing the least recently used first (--keep-storage).</summary>
    public long? KeepStorage { get; init; }
}

public sealed record PruneResult(IReadOnlyList<string> RemovedSnapshots, long ReclaimedBytes);

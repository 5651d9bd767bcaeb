using System.Globalization;

namespace Drydock.Snapshotter.Metadata;

internal abstract partial class MetadataSnapshotter
{
    /// <summary>The first call of an instance recovers the root from crashes; later calls wait for that once.</summary>
    private Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        Lazy<Task> lazy = _ready;
        Task ready = lazy.Value;
        if (ready.IsCompletedSuccessfully) return ready;
        // a failed recovery (the disk was full, say) is tried again by the next call
        if (ready.IsFaulted) Interlocked.CompareExchange(ref _ready, new Lazy<Task>(RecoverAsync), lazy);
        return ready.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// When a session shows a crash (see MetadataSnapshotter.Sessions), under the lock (so no writer is mid-write):
    /// removes temp files, actives and views whose owner is dead (a live process's are left alone), data
    /// directories and links no record names. Always empties the trash.
    /// </summary>
    private async Task RecoverAsync()
    {
        Paths.CreateDirectories();
        if (!NeedsRecovery(out _))
        {
            EmptyTrash();
            return;
        }
        using (await _store.LockAsync(CancellationToken.None).ConfigureAwait(false))
        {
            // again under the lock: a process that was recovering meanwhile has dealt with what we saw
            if (!NeedsRecovery(out List<string> deadSessions)) return;
            _store.RemoveTempFiles();
            var records = _store.ReadAll().ToList();
            var dead = records.Where(r => r.Kind != SnapshotKind.Committed && r.Owner is { IsAlive: false }).ToList();
            foreach (SnapshotRecord r in dead) _store.Delete(r.Name, durable: false);
            var live = records.Except(dead).Select(r => r.Id).ToHashSet();
            foreach (string dir in Directory.EnumerateDirectories(Paths.Data))
            {
                if (long.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out long id) && live.Contains(id)) continue;
                if (long.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out long orphan)) DiscardData(orphan);
            }
            RemoveStaleLinks(live);
            EndRecovery(deadSessions);
        }
        EmptyTrash();
    }

    private void RemoveStaleLinks(HashSet<long> live)
    {
        if (!Directory.Exists(Paths.Links)) return;
        var wanted = live.Select(SnapshotPaths.ShortId).ToHashSet(StringComparer.Ordinal);
        foreach (string link in Directory.EnumerateFileSystemEntries(Paths.Links))
            if (!wanted.Contains(Path.GetFileName(link))) File.Delete(link);
    }
}

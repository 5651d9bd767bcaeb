using Drydock.Core;

namespace Drydock.Snapshotter;

/// <summary>
/// Copy-on-write filesystem snapshots with containerd's lifecycle. An active snapshot (named by a key) is
/// writable and made by <see cref="PrepareAsync"/> on a committed parent; <see cref="CommitAsync"/> turns it
/// into a committed snapshot (named by a name) that can be the parent of others. Views are read-only actives.
/// Actives never become parents. Snapshotters only return <see cref="Mount"/>s; callers perform them.
/// <code>
/// var mounts = await sn.PrepareAsync("build-1", parent: "sha256:…chain", ct: ct);   // run a step in mounts
/// await sn.CommitAsync("sha256:…newchain", "build-1", ct: ct);                        // becomes a parent
/// </code>
/// Metadata is crash-safe: a commit is all or nothing, and actives left by a killed process are removed the
/// next time a snapshotter opens the root. Several processes may share one root.
/// </summary>
public interface ISnapshotter
{
    ValueTask<IReadOnlyList<Mount>> PrepareAsync(string key, string? parent, SnapshotOptions? options = null, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<Mount>> ViewAsync(string key, string? parent, SnapshotOptions? options = null, CancellationToken cancellationToken = default);

    ValueTask<IReadOnlyList<Mount>> MountsAsync(string key, CancellationToken cancellationToken = default);

    ValueTask CommitAsync(string name, string key, SnapshotOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Removes an active, view or committed snapshot; a committed one with children cannot be removed.</summary>
    ValueTask RemoveAsync(string keyOrName, CancellationToken cancellationToken = default);

    /// <summary>Throws <see cref="DrydockException"/> (NotFound) when absent; see <see cref="TryStatAsync"/>.</summary>
    ValueTask<SnapshotInfo> StatAsync(string keyOrName, CancellationToken cancellationToken = default);

    ValueTask<SnapshotInfo?> TryStatAsync(string keyOrName, CancellationToken cancellationToken = default);

    ValueTask<SnapshotUsage> UsageAsync(string keyOrName, CancellationToken cancellationToken = default);

    IAsyncEnumerable<SnapshotInfo> WalkAsync(CancellationToken cancellationToken = default);
}

public enum SnapshotKind
{
    Active,
    View,
    Committed,
}

public sealed record SnapshotInfo(string Name, string? Parent, SnapshotKind Kind, DateTimeOffset CreatedAt)
{
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

public sealed record SnapshotUsage(long Size, long Inodes);

public sealed record SnapshotOptions
{
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

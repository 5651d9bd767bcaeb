using Drydock.Core;
using Drydock.Snapshotter.Metadata;

namespace Drydock.Snapshotter.Native;

/// <summary>The mounts of a native snapshot: always one bind, of its own copy (active) or of its parent (view).</summary>
internal static class NativeMounts
{
    public static IReadOnlyList<Mount> For(SnapshotRecord s, SnapshotPaths paths) => s switch
    {
        { Kind: SnapshotKind.Committed } => throw new InvalidOperationException($"snapshot '{s.Name}' is committed: it has no mounts of its own"),
        { Kind: SnapshotKind.View, ParentIds.Length: > 0 } => [Mount.Bind(paths.Fs(s.ParentIds[0]), readOnly: true)],
        _ => [Mount.Bind(paths.Fs(s.Id), readOnly: s.Kind == SnapshotKind.View)],
    };
}

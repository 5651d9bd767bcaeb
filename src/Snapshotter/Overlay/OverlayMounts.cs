using System.Collections.Immutable;
using Drydock.Core;
using Drydock.Snapshotter.Metadata;

namespace Drydock.Snapshotter.Overlay;

/// <summary>
/// The mounts of an overlay snapshot, computed from its record alone (pure, so it is testable without root).
/// Lowerdirs are the short links (l/&lt;short id&gt;), top-most first, so that a deep chain's mount data
/// stays within a page as long as possible; the Mounter switches to the new mount API when it does not.
/// </summary>
internal static class OverlayMounts
{
    public static IReadOnlyList<Mount> For(SnapshotRecord s, SnapshotPaths paths, ImmutableArray<string> options) => s switch
    {
        { Kind: SnapshotKind.Committed } => throw new InvalidOperationException($"snapshot '{s.Name}' is committed: it has no mounts of its own"),
        { ParentIds.Length: 0 } => [Mount.Bind(paths.Fs(s.Id), readOnly: s.Kind == SnapshotKind.View)],
        // overlayfs refuses a mount with neither an upperdir nor two lowerdirs: a one-parent view is a read-only bind
        { Kind: SnapshotKind.View, ParentIds.Length: 1 } => [Mount.Bind(paths.Fs(s.ParentIds[0]), readOnly: true)],
        { Kind: SnapshotKind.View } => [Mount.Overlay(Links(s, paths), upper: null, ["ro", .. options])],
        _ => [Mount.Overlay(Links(s, paths), paths.UpperAndWork(s.Id), options)],
    };

    // a loop, not Select over the ids: LINQ's iterator over longs would be JIT-compiled at every container start
    private static string[] Links(SnapshotRecord s, SnapshotPaths paths)
    {
        var links = new string[s.ParentIds.Length];
        for (int i = 0; i < links.Length; i++) links[i] = paths.Link(s.ParentIds[i]);
        return links;
    }
}

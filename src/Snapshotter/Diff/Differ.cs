using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Layers;
using Drydock.Core.Oci;
using Drydock.Snapshotter.Layers;

namespace Drydock.Snapshotter.Diff;

/// <summary>
/// The <see cref="IDiffer"/> for both snapshotters. When <c>upper</c> is an overlay whose layers below its own
/// are exactly <c>lower</c>'s, only the child's own directory is walked (<see cref="UpperDirChanges"/>);
/// otherwise the two trees are compared in full (<see cref="TreeComparer"/>), reading overlay mounts as
/// layered directories without mounting them. Both give the same layer for the same change. An empty change
/// gives the empty tar (1024 zero bytes, diff ID sha256:5f70bf18…), so callers can spot metadata-only steps.
/// </summary>
public sealed class Differ : IDiffer
{
    private readonly IContentStore _content;
    private readonly DateTimeOffset? _sourceDateEpoch;

    /// <param name="sourceDateEpoch">When given, entry mtimes later than it are clamped to it (SOURCE_DATE_EPOCH).</param>
    public Differ(IContentStore content, DateTimeOffset? sourceDateEpoch = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        _content = content;
        _sourceDateEpoch = sourceDateEpoch;
    }

    public async ValueTask<Layer> CompareAsync(IReadOnlyList<Mount> lower, IReadOnlyList<Mount> upper, LayerCompression compression, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        Func<List<Change>> changes = PlanChanges(lower, upper);
        var writer = new LayerWriter(_content);
        return await writer.WriteAsync(compression, (tar, ct) => Task.Factory.StartNew(
            () => ChangeTarWriter.Write(changes(), tar, _sourceDateEpoch, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Chooses the way to find the changes; the returned function does the (blocking) walk.</summary>
    internal static Func<List<Change>> PlanChanges(IReadOnlyList<Mount> lower, IReadOnlyList<Mount> upper)
    {
        IReadOnlyList<string> lowerLayers = LayersOf(lower, nameof(lower));
        IReadOnlyList<string> upperLayers = LayersOf(upper, nameof(upper));
        if (upperLayers.Count == 0) throw new DrydockException(ErrorKind.InvalidArgument, "failed to diff: the upper mounts are empty");
        bool lowerOverlay = lower.Count == 1 && lower[0].Type == "overlay";
        bool upperOverlay = upper[0].Type == "overlay";
        if (upperOverlay && upperLayers.Skip(1).SequenceEqual(lowerLayers, StringComparer.Ordinal))
            return () => new UpperDirChanges(upperLayers[0], lowerLayers).Compute();
        return () => TreeComparer.Compare(new LayeredTree(lowerLayers, lowerOverlay), new LayeredTree(upperLayers, upperOverlay));
    }

    /// <summary>The directories of a mount, top-most first: a bind's source, an overlay's upperdir then lowerdirs.</summary>
    internal static IReadOnlyList<string> LayersOf(IReadOnlyList<Mount> mounts, string what)
    {
        if (mounts.Count == 0) return [];
        if (mounts.Count == 1)
        {
            Mount m = mounts[0];
            if (m.Type == "bind") return [Resolved(m.Source)];
            if (m.Type == "overlay" && m.Option("lowerdir") is { } lowerDirs)
            {
                var layers = new List<string>();
                if (m.Option("upperdir") is { } upperDir) layers.Add(Resolved(upperDir));
                layers.AddRange(lowerDirs.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(Resolved));
                return layers;
            }
        }
        throw new DrydockException(ErrorKind.Unsupported,
            $"failed to diff: the {what} mounts must be empty, one bind or one overlay mount, not [{string.Join(", ", mounts.Select(m => m.Type))}]");
    }

    // snapshotters name lowerdirs through short links (to fit the mount data in a page) and binds by their
    // real paths: compare and walk the directories themselves
    private static string Resolved(string path)
        => new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
}

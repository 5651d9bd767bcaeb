using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Runtime;
using Drydock.Snapshotter;

namespace Drydock.Solver;

/// <summary>
/// What the solver needs from the other rooms, composed by the CLI (and by tests): the stores, the snapshotter
/// and runtime, and the few operations whose concrete types live elsewhere (unpacking an image into a snapshot
/// chain, performing a snapshotter's mounts, applying a local archive for ADD).
/// </summary>
public sealed record BuildServices
{
    public required DrydockRoot Root { get; init; }

    public required ImageService Images { get; init; }

    public required ISnapshotter Snapshotter { get; init; }

    public required IContainerRuntime Runtime { get; init; }

    /// <summary>Unpacks an image's layers into committed snapshots; the top one's name (chain ID), or null for an image without layers.</summary>
    public required Func<ResolvedImage, CancellationToken, ValueTask<string?>> Unpack { get; init; }

    /// <summary>Performs a snapshotter's mounts on a host directory.</summary>
    public required Func<IReadOnlyList<Mount>, string, CancellationToken, ValueTask> Mount { get; init; }

    public required Func<string, CancellationToken, ValueTask> Unmount { get; init; }

    /// <summary>Extracts a (possibly compressed) tar archive into a directory (ADD of a local archive).</summary>
    public Func<Stream, string, CancellationToken, ValueTask>? ExtractArchive { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}

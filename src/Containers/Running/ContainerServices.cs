using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Runtime;
using Drydock.Snapshotter;

namespace Drydock.Containers.Running;

/// <summary>What the container commands need from the other rooms; the CLI composes it.</summary>
public sealed record ContainerServices
{
    public required DrydockRoot Root { get; init; }

    /// <summary>Opened on first use (only run needs images).</summary>
    public required Lazy<ImageService> Images { get; init; }

    /// <summary>Opened on first use: ps, logs and kill never need it.</summary>
    public required Lazy<ISnapshotter> Snapshotter { get; init; }

    /// <summary>The snapshotter driver's name, passed on to the detached supervisor so it opens the same one.</summary>
    public required string SnapshotterName { get; init; }

    /// <summary>Unpacks an image's layers into committed snapshots and returns the top one's name (the chain ID).</summary>
    public required Func<ResolvedImage, CancellationToken, ValueTask<string>> Unpack { get; init; }

    /// <summary>The runtime for a --runtime value: null means the bundled runtime.</summary>
    public required Func<string?, IContainerRuntime> Runtime { get; init; }

    /// <summary>How to start `drydock` again (the detached supervisor): the executable and the arguments before ours.</summary>
    public required (string FileName, IReadOnlyList<string> Arguments) Self { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}

using Drydock.Core;
using Drydock.Snapshotter;

namespace Drydock.Containers.Tests.EndToEnd;

/// <summary>Opens the store's snapshotter the way the CLI does, to check what containers leave behind.</summary>
internal static class SnapshotterAccess
{
    // TODO(#5): SnapshotterFactory.Open(root, "auto") once the snapshotter room lands it
    public static ISnapshotter Open(DrydockRoot root)
        => throw new DrydockException(ErrorKind.Unsupported, $"no snapshotter to open '{root.Snapshots}' yet");
}

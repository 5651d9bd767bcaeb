using Drydock.Core;
using Drydock.Snapshotter;

namespace Drydock.Containers.Tests.EndToEnd;

/// <summary>Opens the store's snapshotter the way the CLI does, to check what containers leave behind.</summary>
internal static class SnapshotterAccess
{
    public static ISnapshotter Open(DrydockRoot root) => SnapshotterFactory.Open(root, SnapshotterFactory.AutoDriver);
}

using Drydock.Core;

namespace Drydock.Snapshotter.Tests.Snapshots;

public sealed class NativeSnapshotterTests : SnapshotterConformance
{
    protected override ISnapshotter Create(string root) => SnapshotterFactory.Open(new DrydockRoot(root), SnapshotterFactory.NativeDriver);

    // every native snapshot is a full copy: depth costs copies, and proves nothing new past a few layers
    protected override int DeepStackDepth => 12;
}

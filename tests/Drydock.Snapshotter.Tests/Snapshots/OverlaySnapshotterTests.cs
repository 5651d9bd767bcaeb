using Drydock.Core;

namespace Drydock.Snapshotter.Tests.Snapshots;

public sealed class OverlaySnapshotterTests : SnapshotterConformance
{
    protected override ISnapshotter Create(string root) => SnapshotterFactory.Open(new DrydockRoot(root), SnapshotterFactory.OverlayDriver);
}

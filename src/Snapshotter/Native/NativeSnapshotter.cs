using Drydock.Core;
using Drydock.Snapshotter.Metadata;

namespace Drydock.Snapshotter.Native;

/// <summary>
/// Snapshots as full copies, for filesystems overlayfs cannot sit on (an overlay, inside a container): an active
/// snapshot is a copy of its parent (reflinked where the filesystem can), a view is the parent itself read-only,
/// and a commit changes metadata only.
/// </summary>
internal sealed class NativeSnapshotter(string directory, TimeProvider? timeProvider = null) : MetadataSnapshotter(directory, timeProvider)
{
    internal override IReadOnlyList<Mount> MountsFor(SnapshotRecord record) => NativeMounts.For(record, Paths);

    protected override async ValueTask CreateDataAsync(SnapshotRecord record, CancellationToken cancellationToken)
    {
        if (record.ParentIds.IsEmpty)
        {
            Directory.CreateDirectory(Paths.Fs(record.Id));
            return;
        }
        if (record.Kind == SnapshotKind.View) return;
        await TreeCopier.CopyAsync(Paths.Fs(record.ParentIds[0]), Paths.Fs(record.Id), cancellationToken).ConfigureAwait(false);
    }
}

using System.Collections.Immutable;
using System.Globalization;
using Drydock.Core;
using Drydock.Snapshotter.Metadata;

namespace Drydock.Snapshotter.Overlay;

/// <summary>
/// Snapshots as overlayfs layers: a snapshot's fs directory is the upperdir while it is active and a lowerdir of
/// its children once committed, so prepare and commit copy nothing. Mount options always turn off index,
/// redirect_dir and metacopy (where the kernel knows them): with them on, an upperdir is not a faithful diff.
/// </summary>
internal sealed class OverlaySnapshotter(string directory, ImmutableArray<string> options, TimeProvider? timeProvider = null)
    : MetadataSnapshotter(directory, timeProvider)
{
    /// <summary>The options every overlay mount carries, in the order they are probed.</summary>
    public static ImmutableArray<string> WantedOptions { get; } = ["index=off", "redirect_dir=off", "metacopy=off"];

    public ImmutableArray<string> Options => options;

    internal override IReadOnlyList<Mount> MountsFor(SnapshotRecord record) => OverlayMounts.For(record, Paths, options);

    protected override ValueTask CreateDataAsync(SnapshotRecord record, CancellationToken cancellationToken)
    {
        if (record.Kind == SnapshotKind.View)
        {
            if (record.ParentIds.IsEmpty) Directory.CreateDirectory(Paths.Fs(record.Id));
            return ValueTask.CompletedTask;
        }
        Directory.CreateDirectory(Paths.Fs(record.Id));
        if (!record.ParentIds.IsEmpty) Directory.CreateDirectory(Paths.Work(record.Id));
        // the link is made now, so that committing (metadata only) is all it takes to become a lowerdir
        Directory.CreateDirectory(Paths.Links);
        string link = Paths.Link(record.Id);
        if (File.Exists(link) || Directory.Exists(link)) File.Delete(link);
        File.CreateSymbolicLink(link, Path.Combine("..", "snapshots", record.Id.ToString(CultureInfo.InvariantCulture), "fs"));
        return ValueTask.CompletedTask;
    }

    protected override void ForgetData(long id)
    {
        string link = Paths.Link(id);
        if (new FileInfo(link).LinkTarget is not null) File.Delete(link);
    }
}

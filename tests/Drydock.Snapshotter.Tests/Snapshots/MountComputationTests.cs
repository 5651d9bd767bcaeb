using System.Collections.Immutable;
using Drydock.Core;
using Drydock.Snapshotter.Metadata;
using Drydock.Snapshotter.Mounting;
using Drydock.Snapshotter.Native;
using Drydock.Snapshotter.Overlay;

namespace Drydock.Snapshotter.Tests.Snapshots;

/// <summary>The mounts each driver hands out, computed from records alone: no root, no mounts.</summary>
public sealed class MountComputationTests
{
    private static readonly SnapshotPaths s_paths = new("/d/snapshots/overlayfs");
    private static readonly ImmutableArray<string> s_options = OverlaySnapshotter.WantedOptions;

    private static SnapshotRecord Record(SnapshotKind kind, long id, params long[] parents)
        => new() { Name = "k", Kind = kind, CreatedAt = DateTimeOffset.UnixEpoch, Id = id, ParentIds = [.. parents] };

    // Mount's options are an ImmutableArray, which compares by reference: compare what mount(8) would print
    private static void AssertMounts(Mount expected, IReadOnlyList<Mount> actual)
        => Assert.Equal(Describe(expected), Describe(Assert.Single(actual)));

    private static string Describe(Mount m) => $"{m.Type} {m.Source} {string.Join(',', m.Options)}";

    [Fact]
    public void An_active_without_parent_is_a_writable_bind_of_its_fs()
        => AssertMounts(Mount.Bind("/d/snapshots/overlayfs/snapshots/7/fs", readOnly: false), OverlayMounts.For(Record(SnapshotKind.Active, 7), s_paths, s_options));

    [Fact]
    public void An_active_on_a_chain_is_an_overlay_with_short_lowerdirs_top_most_first()
    {
        Mount m = Assert.Single(OverlayMounts.For(Record(SnapshotKind.Active, 40, 36, 2), s_paths, s_options));
        Assert.Equal("overlay", m.Type);
        Assert.Equal("/d/snapshots/overlayfs/l/10:/d/snapshots/overlayfs/l/2", m.Option("lowerdir"));
        Assert.Equal("/d/snapshots/overlayfs/snapshots/40/fs", m.Option("upperdir"));
        Assert.Equal("/d/snapshots/overlayfs/snapshots/40/work", m.Option("workdir"));
        Assert.Contains("index=off", m.Options);
        Assert.Contains("redirect_dir=off", m.Options);
        Assert.Contains("metacopy=off", m.Options);
        Assert.False(m.IsReadOnly);
    }

    [Fact]
    public void A_view_of_one_layer_is_a_read_only_bind_and_of_more_a_lower_only_overlay()
    {
        AssertMounts(Mount.Bind("/d/snapshots/overlayfs/snapshots/3/fs", readOnly: true), OverlayMounts.For(Record(SnapshotKind.View, 9, 3), s_paths, s_options));
        Mount m = Assert.Single(OverlayMounts.For(Record(SnapshotKind.View, 9, 4, 3), s_paths, s_options));
        Assert.Equal("overlay", m.Type);
        Assert.True(m.IsReadOnly);
        Assert.Null(m.Option("upperdir"));
        Assert.Equal("/d/snapshots/overlayfs/l/4:/d/snapshots/overlayfs/l/3", m.Option("lowerdir"));
    }

    [Fact]
    public void Options_the_kernel_rejected_are_left_out()
    {
        Mount m = Assert.Single(OverlayMounts.For(Record(SnapshotKind.Active, 5, 4), s_paths, ["index=off"]));
        Assert.DoesNotContain(m.Options, o => o.StartsWith("metacopy", StringComparison.Ordinal));
    }

    [Fact]
    public void Native_actives_bind_their_copy_and_views_bind_the_parent_read_only()
    {
        var paths = new SnapshotPaths("/d/snapshots/native");
        AssertMounts(Mount.Bind("/d/snapshots/native/snapshots/8/fs", readOnly: false), NativeMounts.For(Record(SnapshotKind.Active, 8, 3, 2), paths));
        AssertMounts(Mount.Bind("/d/snapshots/native/snapshots/3/fs", readOnly: true), NativeMounts.For(Record(SnapshotKind.View, 8, 3, 2), paths));
        AssertMounts(Mount.Bind("/d/snapshots/native/snapshots/8/fs", readOnly: true), NativeMounts.For(Record(SnapshotKind.View, 8), paths));
    }

    [Fact]
    public void Short_ids_are_base_36()
    {
        Assert.Equal("0", SnapshotPaths.ShortId(0));
        Assert.Equal("z", SnapshotPaths.ShortId(35));
        Assert.Equal("10", SnapshotPaths.ShortId(36));
    }

    [Fact]
    public void Names_become_safe_file_names()
    {
        Assert.Equal("sha256%3Aabc", MetadataStore.Escape("sha256:abc"));
        Assert.Equal("%2E.x%2Fy", MetadataStore.Escape("..x/y"));
        Assert.StartsWith("%h-", MetadataStore.Escape(new string('a', 300)), StringComparison.Ordinal);
    }

    [Fact]
    public void Mount_options_split_into_flags_and_data()
    {
        MountFlags f = MountFlags.Parse("overlay", ["ro", "nosuid", "index=off", "lowerdir=/a:/b"]);
        Assert.True(f.ReadOnly);
        Assert.False(f.Bind);
        Assert.Equal("index=off,lowerdir=/a:/b", f.DataString);
        MountFlags b = MountFlags.Parse("bind", ["rbind", "ro"]);
        Assert.True(b.Bind && b.Recursive && b.ReadOnly);
        Assert.Empty(b.Data);
    }
}

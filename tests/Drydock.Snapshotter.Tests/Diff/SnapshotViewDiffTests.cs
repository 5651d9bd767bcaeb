using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Layers;
using Drydock.Core.Oci;
using Drydock.Snapshotter.Diff;
using Drydock.Snapshotter.Mounting;
using Drydock.Snapshotter.Tests.Layers;
using Drydock.TestKit;

namespace Drydock.Snapshotter.Tests.Diff;

/// <summary>
/// The differ on the views the exporter really asks for: View(parent) against View(child) of each driver's
/// committed snapshots, whose lowerdirs come through the overlay driver's short links.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SnapshotViewDiffTests
{
    [PrivilegedTheory]
    [InlineData(SnapshotterFactory.OverlayDriver)]
    [InlineData(SnapshotterFactory.NativeDriver)]
    public async Task A_child_on_a_two_layer_parent_diffs_to_exactly_its_change(string driver)
    {
        using var dir = new TempDir();
        var root = new DrydockRoot(dir.Combine("root"));
        ISnapshotter snapshotter = SnapshotterFactory.Open(root, driver);
        await CommitAsync(snapshotter, "base", null, t => LayerTestKit.Sh($"mkdir -p {t}/bin {t}/etc && echo sh > {t}/bin/sh && echo root > {t}/etc/passwd"));
        await CommitAsync(snapshotter, "mid", "base", t => LayerTestKit.Sh($"echo conf > {t}/etc/app.conf"));
        await CommitAsync(snapshotter, "top", "mid", t => LayerTestKit.Sh($"echo hi > {t}/hello && rm {t}/etc/app.conf"));

        var differ = new Differ(LayerTestKit.Store(dir.Combine("content")));
        IReadOnlyList<Mount> lower = await snapshotter.ViewAsync("v-lower", "mid");
        IReadOnlyList<Mount> upper = await snapshotter.ViewAsync("v-upper", "top");
        Layer layer = await differ.CompareAsync(lower, upper, LayerCompression.None);

        byte[] tar = await LayerTestKit.Store(dir.Combine("content")).ReadAllBytesAsync(layer.Descriptor.Digest, long.MaxValue);
        Assert.Equal(["etc/", "etc/.wh.app.conf", "hello"], LayerTestKit.ReadWithBcl(tar).Select(e => e.Name));
    }

    private static async Task CommitAsync(ISnapshotter snapshotter, string name, string? parent, Action<string> change)
    {
        string key = "active-" + name;
        IReadOnlyList<Mount> mounts = await snapshotter.PrepareAsync(key, parent);
        using var target = new TempDir();
        await Mounter.MountAsync(mounts, target.Path);
        try
        {
            change(target.Path);
        }
        finally
        {
            await Mounter.UnmountAsync(target.Path);
        }
        await snapshotter.CommitAsync(name, key);
    }
}

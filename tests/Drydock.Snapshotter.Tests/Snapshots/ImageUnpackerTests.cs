using System.Text;
using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Core.Oci;
using Drydock.Snapshotter.Unpack;
using Drydock.TestKit;

namespace Drydock.Snapshotter.Tests.Snapshots;

public sealed class ImageUnpackerTests
{
    [Fact]
    public void Chain_ids_follow_the_oci_spec()
    {
        Digest a = Digest.Sha256("a"u8), b = Digest.Sha256("b"u8);
        Assert.Equal(a, ChainId.Of([a]));
        Assert.Equal(Digest.Sha256(Encoding.ASCII.GetBytes($"{a} {b}")), ChainId.Of([a, b]));
        Assert.Equal(ChainId.Next(ChainId.Next(null, a), b), ChainId.Of([a, b]));
    }

    [PrivilegedFact]
    public async Task Unpacks_each_layer_once_and_shares_chains_between_images()
    {
        using var tmp = new TempDir();
        ISnapshotter sn = SnapshotterFactory.Open(new DrydockRoot(tmp.Path), "overlayfs");
        var applier = new TarLayerApplier(tmp.Path);
        Descriptor l0 = applier.AddLayer(new Dictionary<string, string> { ["etc/base"] = "0" });
        Descriptor l1 = applier.AddLayer(new Dictionary<string, string> { ["app/one"] = "1" });
        Descriptor l2 = applier.AddLayer(new Dictionary<string, string> { ["app/two"] = "2" });
        var unpacker = new ImageUnpacker(sn, applier);

        string? top = await unpacker.UnpackAsync(Image(l0, l1));
        Assert.Equal(ChainId.Of([l0.Digest, l1.Digest]).ToString(), top);
        Assert.Equal(2, applier.Applied);
        Assert.Equal(top, await unpacker.UnpackAsync(Image(l0, l1)));
        Assert.Equal(2, applier.Applied);
        string? other = await unpacker.UnpackAsync(Image(l0, l2));
        Assert.Equal(3, applier.Applied);

        SnapshotInfo info = await sn.StatAsync(other!);
        Assert.Equal(l0.Digest.ToString(), info.Parent);
        Assert.Equal(l2.Digest.ToString(), info.Labels[ImageUnpacker.DiffIdLabel]);
        IReadOnlyList<Mount> view = await sn.ViewAsync("v", top);
        await using (MountedTree t = await MountedTree.MountAsync(view, tmp.Path))
        {
            Assert.Equal("0", File.ReadAllText(t["etc/base"]));
            Assert.Equal("1", File.ReadAllText(t["app/one"]));
            Assert.False(File.Exists(t["app/two"]));
        }
        await sn.RemoveAsync("v");
        var all = new List<SnapshotInfo>();
        await foreach (SnapshotInfo i in sn.WalkAsync()) all.Add(i);
        Assert.All(all, i => Assert.Equal(SnapshotKind.Committed, i.Kind));
        Assert.Equal(3, all.Count);
        Assert.Null(await unpacker.UnpackAsync(Image()));
    }

    [PrivilegedFact]
    public async Task Concurrent_unpacks_of_one_image_apply_each_layer_once()
    {
        using var tmp = new TempDir();
        var root = new DrydockRoot(tmp.Path);
        var applier = new TarLayerApplier(tmp.Path) { BeforeApply = _ => Task.Delay(20) };
        Descriptor l0 = applier.AddLayer(new Dictionary<string, string> { ["a"] = "a" });
        Descriptor l1 = applier.AddLayer(new Dictionary<string, string> { ["b"] = "b" });
        // two snapshotter instances stand in for two processes
        var unpackers = Enumerable.Range(0, 6).Select(_ => new ImageUnpacker(SnapshotterFactory.Open(root, "overlayfs"), applier)).ToList();
        string?[] tops = await Task.WhenAll(unpackers.Select(u => Task.Run(async () => await u.UnpackAsync(Image(l0, l1)))));
        Assert.All(tops, t => Assert.Equal(tops[0], t));
        Assert.Equal(2, applier.Applied);
    }

    [PrivilegedFact]
    public async Task A_diff_id_mismatch_is_DataCorrupted_and_leaves_nothing()
    {
        using var tmp = new TempDir();
        ISnapshotter sn = SnapshotterFactory.Open(new DrydockRoot(tmp.Path), "native");
        var applier = new TarLayerApplier(tmp.Path);
        Descriptor l0 = applier.AddLayer(new Dictionary<string, string> { ["a"] = "a" });
        ResolvedImage image = Image(l0) with { Config = new ImageConfig { RootFS = new RootFS { DiffIds = [Digest.Sha256("other"u8)] } } };
        var e = await Assert.ThrowsAsync<DrydockException>(async () => await new ImageUnpacker(sn, applier).UnpackAsync(image));
        Assert.Equal(ErrorKind.DataCorrupted, e.Kind);
        Assert.Contains(l0.Digest.ToString(), e.Message, StringComparison.Ordinal);
        await foreach (SnapshotInfo i in sn.WalkAsync()) Assert.Fail($"left behind: {i.Name}");
    }

    private static ResolvedImage Image(params Descriptor[] layers)
    {
        var config = new Descriptor(MediaTypes.OciImageConfig, Digest.Sha256("config"u8), 6);
        var manifest = new ImageManifest { Config = config, Layers = layers };
        var imageConfig = new ImageConfig { RootFS = new RootFS { DiffIds = [.. layers.Select(l => l.Digest)] } };
        return new ResolvedImage(config, config, manifest, config, imageConfig, []);
    }
}

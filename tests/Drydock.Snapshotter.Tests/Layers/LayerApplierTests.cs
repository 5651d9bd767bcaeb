using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Oci;
using Drydock.Snapshotter.Layers;
using Drydock.TestKit;

namespace Drydock.Snapshotter.Tests.Layers;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LayerApplierTests
{
    private static async Task<(Descriptor Layer, LocalContentStore Store)> Blob(TempDir dir, byte[] tar, LayerCompression compression = LayerCompression.Gzip)
    {
        LocalContentStore store = LayerTestKit.Store(Path.Combine(dir.Path, "store"));
        Core.Layers.Layer layer = await new LayerWriter(store).WriteAsync(compression, async (s, ct) => await s.WriteAsync(tar, ct));
        return (layer.Descriptor, store);
    }

    private static byte[] WhiteoutLayer() => LayerTestKit.Tar(w =>
    {
        w.Entry("dir/", TarHeader.TypeDirectory);
        w.File("dir/.wh.gone", "");
        w.File("dir/kept-new", "new");
        w.Entry("opq/", TarHeader.TypeDirectory);
        w.File("opq/early", "same layer, before the marker");
        w.File("opq/.wh..wh..opq", "");
        w.File("opq/late", "same layer, after the marker");
    });

    private static void LowerTree(string root) => LayerTestKit.Sh($"""
        mkdir -p {root}/dir/gone/deep {root}/opq/olddir
        echo x > {root}/dir/gone/deep/f && echo y > {root}/dir/stays && echo z > {root}/opq/old && echo w > {root}/opq/olddir/f
        """);

    [Fact]
    public async Task Plain_mode_deletes_whiteouts_and_empties_opaque_dirs_of_older_entries_only()
    {
        using var dir = new TempDir();
        string root = Path.Combine(dir.Path, "root");
        LowerTree(root);
        byte[] tar = WhiteoutLayer();
        (Descriptor layer, LocalContentStore store) = await Blob(dir, tar);
        Digest diffId = await new LayerApplier(store).ApplyAsync(layer, [Mount.Bind(root, readOnly: false)]);
        Assert.Equal(Digest.Sha256(tar), diffId);
        Assert.False(Directory.Exists(Path.Combine(root, "dir/gone")));
        Assert.True(File.Exists(Path.Combine(root, "dir/stays")));
        Assert.Equal("new", File.ReadAllText(Path.Combine(root, "dir/kept-new")));
        Assert.Equal(["early", "late"], Directory.EnumerateFileSystemEntries(Path.Combine(root, "opq")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [PrivilegedFact]
    public async Task Overlay_mode_writes_overlayfs_whiteouts_and_opaque_xattrs()
    {
        using var dir = new TempDir();
        string lower = Path.Combine(dir.Path, "lower"), upper = Path.Combine(dir.Path, "upper");
        LowerTree(lower);
        Directory.CreateDirectory(upper);
        (Descriptor layer, LocalContentStore store) = await Blob(dir, WhiteoutLayer(), LayerCompression.Zstd);
        await new LayerApplier(store).ApplyAsync(layer, [Mount.Overlay([lower], (upper, Path.Combine(dir.Path, "work")))]);
        Assert.StartsWith("character special file 0 0:0", LayerTestKit.Stat(Path.Combine(upper, "dir/gone")), StringComparison.Ordinal);
        Assert.Equal("y"u8.ToArray(), Interop.LayerFiles.GetXattr(Path.Combine(upper, "opq"), "trusted.overlay.opaque"));
        Assert.True(File.Exists(Path.Combine(upper, "opq/early")));
        // what overlayfs shows
        string merged = Path.Combine(dir.Path, "merged");
        Directory.CreateDirectory(merged);
        Directory.CreateDirectory(Path.Combine(dir.Path, "work"));
        LayerTestKit.Sh($"mount -t overlay overlay -o lowerdir={lower},upperdir={upper},workdir={dir.Path}/work {merged}");
        try
        {
            Assert.False(Directory.Exists(Path.Combine(merged, "dir/gone")));
            Assert.True(File.Exists(Path.Combine(merged, "dir/stays")));
            Assert.Equal(["early", "late"], Directory.EnumerateFileSystemEntries(Path.Combine(merged, "opq")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            LayerTestKit.Sh($"umount {merged}");
        }
    }

    [PrivilegedFact]
    public async Task Owners_modes_mtimes_and_xattrs_are_preserved()
    {
        using var dir = new TempDir();
        byte[] tar = LayerTestKit.Tar(w =>
        {
            w.WriteHeader(new TarHeader { Name = "d", TypeFlag = TarHeader.TypeDirectory, Mode = 0x3FF | 0x200, Uid = 7, Gid = 8, MtimeSeconds = 1_000_000 });
            var h = new TarHeader { Name = "d/suid", Mode = 0x9ED, Uid = 1000, Gid = 1001, MtimeSeconds = 1_234_567, Size = 0 };
            h.Xattrs.Add(new("user.k", "v"u8.ToArray()));
            h.Xattrs.Add(new("trusted.overlay.opaque", "y"u8.ToArray()));
            w.WriteHeader(h);
            w.WriteHeader(new TarHeader { Name = "d/link", TypeFlag = TarHeader.TypeSymlink, LinkName = "/nowhere", Uid = 5, Gid = 6, MtimeSeconds = 2_000_000 });
            w.WriteHeader(new TarHeader { Name = "d/hard", TypeFlag = TarHeader.TypeHardlink, LinkName = "d/suid" });
        });
        string root = Path.Combine(dir.Path, "root");
        Directory.CreateDirectory(root);
        await LayerExtractor.ExtractAsync(new MemoryStream(tar), root, ExtractMode.Plain);
        Assert.Equal("directory 1777 7:8 ", LayerTestKit.Stat(Path.Combine(root, "d"))[..19]);
        Assert.EndsWith(" 1000000", LayerTestKit.Stat(Path.Combine(root, "d")), StringComparison.Ordinal);
        Assert.Equal("regular empty file 4755 1000:1001 0 1234567", LayerTestKit.Stat(Path.Combine(root, "d/suid")));
        Assert.Equal("v"u8.ToArray(), Interop.LayerFiles.GetXattr(Path.Combine(root, "d/suid"), "user.k"));
        Assert.Null(Interop.LayerFiles.GetXattr(Path.Combine(root, "d/suid"), "trusted.overlay.opaque"));
        Assert.Equal("symbolic link 777 5:6 8 2000000", LayerTestKit.Stat(Path.Combine(root, "d/link")));
        Assert.Equal(LayerTestKit.Run("stat", "-c", "%i", Path.Combine(root, "d/suid")).Output, LayerTestKit.Run("stat", "-c", "%i", Path.Combine(root, "d/hard")).Output);
    }

    [Fact]
    public async Task Corrupt_or_truncated_gzip_is_a_clear_error_naming_the_layer()
    {
        using var dir = new TempDir();
        var big = new byte[3 << 20];
        new Random(1).NextBytes(big);
        string src = Path.Combine(dir.Path, "big");
        File.WriteAllBytes(src, big);
        byte[] tar = LayerTestKit.Tar(w =>
        {
            w.WriteHeader(new TarHeader { Name = "big", Mode = 0x1A4, Size = big.Length });
            w.WriteFileContent(src, big.Length);
        });
        using var gz = new MemoryStream();
        using (var z = new ParallelGzipStream(gz, leaveOpen: true)) z.Write(tar);
        byte[] full = gz.ToArray();
        byte[] flipped = (byte[])full.Clone();
        flipped[full.Length / 2] ^= 0xFF;
        foreach (byte[] bad in new[] { full[..(full.Length / 2)], full[..100], flipped })
        {
            LocalContentStore store = LayerTestKit.Store(Path.Combine(dir.Path, "store"));
            Descriptor d = await store.WriteBlobAsync(bad, MediaTypes.OciLayerGzip);
            string root = Path.Combine(dir.Path, "root-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(root);
            var e = await Assert.ThrowsAnyAsync<DrydockException>(async () => await new LayerApplier(store).ApplyAsync(d, [Mount.Bind(root, false)]));
            Assert.Equal(ErrorKind.DataCorrupted, e.Kind);
            Assert.StartsWith($"failed to apply layer {d.Digest}: the layer data is", LayerTestKit.Chain(e), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Unpacked_tree_matches_tar_x()
    {
        using var dir = new TempDir();
        string src = Path.Combine(dir.Path, "src");
        LayerTestKit.Sh($"mkdir -p {src}/a/b && echo hi > {src}/a/b/c && ln -s b/c {src}/a/l && head -c 300000 /dev/urandom > {src}/a/r && ln {src}/a/r {src}/a/r2");
        string tarFile = Path.Combine(dir.Path, "t.tar");
        LayerTestKit.Sh($"cd {src} && tar --format=posix -cf {tarFile} .");
        string ours = Path.Combine(dir.Path, "ours"), theirs = Path.Combine(dir.Path, "theirs");
        Directory.CreateDirectory(ours);
        Directory.CreateDirectory(theirs);
        await using (FileStream f = File.OpenRead(tarFile)) await LayerExtractor.ExtractAsync(f, ours, ExtractMode.Plain);
        LayerTestKit.Sh($"tar -C {theirs} -xpf {tarFile}");
        string Listing(string root) => LayerTestKit.Run("/bin/sh", "-c", $"cd {root} && find . -printf '%p %y %m %U:%G %s %T@ %l\\n' | sort && find . -type f -exec sha256sum {{}} + | sort").Output;
        Assert.Equal(Listing(theirs), Listing(ours));
    }

    [Fact]
    public async Task A_layer_target_must_be_one_bind_or_an_overlay_with_an_upperdir()
    {
        using var dir = new TempDir();
        (Descriptor layer, LocalContentStore store) = await Blob(dir, LayerTestKit.Tar(_ => { }));
        var e = await Assert.ThrowsAsync<DrydockException>(async () => await new LayerApplier(store).ApplyAsync(layer, [Mount.Overlay(["/a", "/b"], null)]));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
    }
}

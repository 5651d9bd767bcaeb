using System.Formats.Tar;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Layers;
using Drydock.Core.Oci;
using Drydock.Snapshotter.Diff;
using Drydock.Snapshotter.Tests.Layers;
using Drydock.TestKit;

namespace Drydock.Snapshotter.Tests.Diff;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DifferTests
{
    private const string EmptyTarDiffId = "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";

    private static void Lower(string l) => LayerTestKit.Sh($"""
        mkdir -p {l}/etc {l}/data/old/deep {l}/opq/sub {l}/bin
        echo conf > {l}/etc/conf && echo keep > {l}/etc/keep && echo x > {l}/data/old/deep/x && echo d > {l}/data/stays
        echo a > {l}/opq/a && echo b > {l}/opq/sub/b && echo tool > {l}/bin/tool
        find {l} -print0 | xargs -0 touch -h -d @1600000000.5
        """);

    // The same user change, as overlayfs records it in an upperdir and as a native snapshot holds it.
    private static void OverlayUpper(string l, string u) => LayerTestKit.Sh($"""
        mkdir -p {u}/etc {u}/data {u}/opq {u}/new
        cp -a {l}/etc/keep {u}/etc/keep
        echo changed > {u}/etc/conf && touch -d @1700000000.25 {u}/etc/conf
        touch -r {l}/etc {u}/etc
        mknod {u}/data/old c 0 0
        echo a > {u}/opq/a && echo n > {u}/opq/n && touch -d @1700000000.25 {u}/opq/a {u}/opq/n
        echo f > {u}/new/file && touch -d @1700000000.25 {u}/new/file {u}/new
        touch -d @1700000001 {u}/data {u}/opq
        """);

    private static void NativeChange(string n) => LayerTestKit.Sh($"""
        echo changed > {n}/etc/conf && touch -d @1700000000.25 {n}/etc/conf
        rm -rf {n}/data/old
        rm -rf {n}/opq && mkdir {n}/opq
        echo a > {n}/opq/a && echo n > {n}/opq/n && touch -d @1700000000.25 {n}/opq/a {n}/opq/n
        mkdir {n}/new && echo f > {n}/new/file && touch -d @1700000000.25 {n}/new/file {n}/new
        touch -d @1700000001 {n}/data {n}/opq
        """);

    private static List<string> Names(LocalContentStore store, Layer layer)
    {
        byte[] tar = store.ReadAllBytesAsync(layer.Descriptor.Digest, long.MaxValue).AsTask().GetAwaiter().GetResult();
        return [.. LayerTestKit.ReadWithBcl(tar).Select(e => e.Name)];
    }

    [PrivilegedFact]
    public async Task Overlay_upperdir_and_tree_comparison_give_the_same_layer()
    {
        using var dir = new TempDir();
        string l = dir.Combine("lower"), u = dir.Combine("upper"), n = dir.Combine("native"), w = dir.Combine("work");
        Lower(l);
        OverlayUpper(l, u);
        Interop.LayerFiles.SetXattr(Path.Combine(u, "opq"), "trusted.overlay.opaque", "y"u8);
        Interop.LayerFiles.SetXattr(Path.Combine(u, "etc"), "trusted.overlay.origin", "junk"u8);
        LayerTestKit.Sh($"cp -a {l} {n}");
        NativeChange(n);
        LocalContentStore store = LayerTestKit.Store(dir.Combine("store"));
        var differ = new Differ(store);

        Layer viaOverlay = await differ.CompareAsync([Mount.Bind(l, true)], [Mount.Overlay([l], (u, w))], LayerCompression.None);
        Layer viaCompare = await differ.CompareAsync([Mount.Bind(l, true)], [Mount.Bind(n, true)], LayerCompression.None);

        Assert.Equal(["data/", "data/.wh.old", "etc/", "etc/conf", "new/", "new/file", "opq/", "opq/.wh.sub", "opq/a", "opq/n"], Names(store, viaCompare));
        Assert.Equal(Names(store, viaCompare), Names(store, viaOverlay));
        Assert.Equal(viaCompare.DiffId, viaOverlay.DiffId);
        Layer gzipped = await differ.CompareAsync([Mount.Bind(l, true)], [Mount.Overlay([l], (u, w))], LayerCompression.Gzip);
        Assert.Equal(viaCompare.DiffId, gzipped.DiffId);
    }

    [Fact]
    public async Task A_layer_of_many_small_files_read_ahead_holds_every_file_and_hardlink_in_order()
    {
        using var dir = new TempDir();
        string tree = dir.Combine("tree");
        Directory.CreateDirectory(tree);
        var random = new Random(42);
        var expected = new Dictionary<string, byte[]>();
        for (int i = 0; i < 300; i++)
        {
            // small files the prefetcher reads, with a large one and an empty one among them that it leaves to the writer
            byte[] data = new byte[i == 150 ? ContentPrefetcher.MaxSize + 1 : i == 7 ? 0 : random.Next(1, 9000)];
            random.NextBytes(data);
            string name = $"f{i:D3}";
            File.WriteAllBytes(Path.Combine(tree, name), data);
            expected[name] = data;
        }
        File.CreateSymbolicLink(Path.Combine(tree, "f100-soft"), "f100");
        LayerTestKit.Sh($"ln {tree}/f200 {tree}/f200-hard");
        LocalContentStore store = LayerTestKit.Store(dir.Combine("store"));

        Layer layer = await new Differ(store).CompareAsync([], [Mount.Bind(tree, true)], LayerCompression.Gzip);

        byte[] gz = await store.ReadAllBytesAsync(layer.Descriptor.Digest, long.MaxValue);
        using var reader = new TarReader(new System.IO.Compression.GZipStream(new MemoryStream(gz), System.IO.Compression.CompressionMode.Decompress));
        var seen = new List<string>();
        while (reader.GetNextEntry(copyData: true) is { } e)
        {
            seen.Add(e.Name);
            if (e.EntryType == TarEntryType.HardLink) Assert.Equal(("f200-hard", "f200"), (e.Name, e.LinkName));
            else if (expected.TryGetValue(e.Name, out byte[]? data))
            {
                using var content = new MemoryStream();
                e.DataStream?.CopyTo(content);
                Assert.True(data.AsSpan().SequenceEqual(content.ToArray()), e.Name);
            }
        }
        Assert.Equal([.. expected.Keys.Append("f100-soft").Append("f200-hard").Order(StringComparer.Ordinal)], seen);
    }

    [PrivilegedFact]
    public async Task Whiteouts_in_lower_overlay_layers_are_honoured()
    {
        using var dir = new TempDir();
        string a = dir.Combine("a"), b = dir.Combine("b"), c = dir.Combine("c");
        LayerTestKit.Sh($"""
            mkdir -p {a}/d {b}/d {c}/d
            echo 1 > {a}/d/gone && echo 2 > {a}/d/kept
            mknod {b}/d/gone c 0 0
            echo 3 > {c}/d/gone
            """);
        LocalContentStore store = LayerTestKit.Store(dir.Combine("store"));
        // c re-adds d/gone on top of b (which deleted a's): the layer adds it, it does not whiteout anything
        Layer layer = await new Differ(store).CompareAsync([Mount.Overlay([b, a], null)], [Mount.Overlay([c, b, a], null)], LayerCompression.None);
        Assert.Equal(["d/", "d/gone"], Names(store, layer));
    }

    [Fact]
    public async Task No_change_gives_the_empty_tar()
    {
        using var dir = new TempDir();
        string l = dir.Combine("lower"), n = dir.Combine("native");
        LayerTestKit.Sh($"mkdir -p {l}/x && echo hi > {l}/x/f && cp -a {l} {n} && mkdir {dir.Path}/empty-upper");
        LocalContentStore store = LayerTestKit.Store(dir.Combine("store"));
        Layer layer = await new Differ(store).CompareAsync([Mount.Bind(l, true)], [Mount.Bind(n, true)], LayerCompression.Gzip);
        Assert.Equal(EmptyTarDiffId, layer.DiffId.ToString());
        Layer overlay = await new Differ(store).CompareAsync([Mount.Bind(l, true)], [Mount.Overlay([l], (dir.Combine("empty-upper"), dir.Combine("w")))], LayerCompression.None);
        Assert.Equal(EmptyTarDiffId, overlay.DiffId.ToString());
    }

    [Fact]
    public async Task Without_a_parent_the_whole_tree_is_the_layer()
    {
        using var dir = new TempDir();
        string t = dir.Combine("t");
        LayerTestKit.Sh($"mkdir -p {t}/a/b && echo hi > {t}/a/b/c && ln -s a {t}/z");
        LocalContentStore store = LayerTestKit.Store(dir.Combine("store"));
        Layer layer = await new Differ(store).CompareAsync([], [Mount.Bind(t, true)], LayerCompression.Zstd);
        Assert.Equal(MediaTypes.OciLayerZstd, layer.Descriptor.MediaType);
        using Stream s = Snapshotter.Layers.LayerStreams.OpenDecompressed(await store.OpenReadAsync(layer.Descriptor.Digest));
        using var reader = new TarReader(s);
        var names = new List<string>();
        while (reader.GetNextEntry() is { } e) names.Add(e.Name);
        Assert.Equal(["a/", "a/b/", "a/b/c", "z"], names);
    }
}

using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Oci;
using Drydock.Snapshotter.Layers;
using Drydock.TestKit;

namespace Drydock.Snapshotter.Tests.Layers;

public sealed class PathEscapeTests
{
    private static async Task<DrydockException> ApplyFails(TempDir dir, byte[] tar)
    {
        LocalContentStore store = LayerTestKit.Store(Path.Combine(dir.Path, "store"));
        Descriptor d = await store.WriteBlobAsync(tar, MediaTypes.OciLayer);
        string root = Path.Combine(dir.Path, "root");
        Directory.CreateDirectory(root);
        var e = await Assert.ThrowsAsync<DrydockException>(async () => await new LayerApplier(store).ApplyAsync(d, [Mount.Bind(root, false)]));
        Assert.StartsWith($"failed to apply layer {d.Digest}: ", LayerTestKit.Chain(e), StringComparison.Ordinal);
        return e;
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("a/../../x")]
    [InlineData("./../x")]
    public async Task Dot_dot_leaving_the_root_is_refused(string name)
    {
        using var dir = new TempDir();
        DrydockException e = await ApplyFails(dir, LayerTestKit.Tar(w => w.File(name, "pwned")));
        Assert.EndsWith($": entry '{name}' escapes the target directory", LayerTestKit.Chain(e), StringComparison.Ordinal);
        Assert.Equal(ErrorKind.DataCorrupted, e.Kind);
        Assert.False(File.Exists(Path.Combine(dir.Path, "x")));
    }

    [Fact]
    public async Task Absolute_names_are_taken_relative_to_the_root()
    {
        using var dir = new TempDir();
        string root = Path.Combine(dir.Path, "root");
        Directory.CreateDirectory(root);
        await LayerExtractor.ExtractAsync(new MemoryStream(LayerTestKit.Tar(w => w.File("/abs/file", "in"))), root, ExtractMode.Plain);
        Assert.Equal("in", File.ReadAllText(Path.Combine(root, "abs/file")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("../../..")]
    [InlineData("OUTSIDE")]
    public async Task Symlinked_parents_resolve_inside_the_root(string linkTarget)
    {
        using var dir = new TempDir();
        string outside = Path.Combine(dir.Path, "outside");
        Directory.CreateDirectory(outside);
        linkTarget = linkTarget == "OUTSIDE" ? outside : linkTarget;
        string root = Path.Combine(dir.Path, "root");
        Directory.CreateDirectory(root);
        byte[] tar = LayerTestKit.Tar(w =>
        {
            w.Entry("evil", TarHeader.TypeSymlink, link: linkTarget);
            w.File($"evil/{Path.GetFileName(outside)}/pwned", "pwned");
            w.File("evil/tmp-pwned", "pwned");
        });
        await LayerExtractor.ExtractAsync(new MemoryStream(tar), root, ExtractMode.Plain);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.False(File.Exists(Path.Combine(dir.Path, "tmp-pwned")));
        Assert.False(File.Exists("/tmp-pwned"));
        Assert.Equal(linkTarget, new FileInfo(Path.Combine(root, "evil")).LinkTarget);
        Assert.True(Directory.EnumerateFiles(root, "*pwned", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task Hardlinks_to_outside_are_refused()
    {
        using var dir = new TempDir();
        DrydockException e = await ApplyFails(dir, LayerTestKit.Tar(w => w.Entry("passwd", TarHeader.TypeHardlink, link: "../../../etc/passwd")));
        Assert.EndsWith(": entry 'passwd' links to '../../../etc/passwd', which escapes the target directory", LayerTestKit.Chain(e), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hardlinks_through_a_symlink_stay_inside()
    {
        using var dir = new TempDir();
        DrydockException e = await ApplyFails(dir, LayerTestKit.Tar(w =>
        {
            w.Entry("sys", TarHeader.TypeSymlink, link: "/../../etc");
            w.Entry("passwd", TarHeader.TypeHardlink, link: "sys/passwd");
        }));
        Assert.Contains("which is not a file in the layer", e.InnerException!.Message, StringComparison.Ordinal);
    }
}

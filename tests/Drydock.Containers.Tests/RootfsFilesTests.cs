using Drydock.Containers.Rootfs;
using Drydock.Core;
using Drydock.TestKit;

namespace Drydock.Containers.Tests;

public class RootfsFilesTests
{
    [Fact]
    public async Task Bind_root_reads_files_and_follows_directory_symlinks_inside_the_root()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine("usr", "bin"));
        Directory.CreateDirectory(dir.Combine("etc"));
        File.WriteAllText(dir.Combine("usr", "bin", "tool"), "x");
        File.CreateSymbolicLink(dir.Combine("bin"), "usr/bin");
        File.WriteAllText(dir.Combine("etc", "passwd"), "root:x:0:0::/root:/bin/sh\n");
        // an absolute link must resolve inside the root, not on the host
        File.CreateSymbolicLink(dir.Combine("etc", "hostname-link"), "/etc/passwd");
        var files = RootfsFiles.FromMounts([Mount.Bind(dir.Path, readOnly: false)]);

        Assert.Equal(dir.Combine("usr", "bin", "tool"), files.Resolve("/bin/tool"));
        Assert.Equal(dir.Combine("etc", "passwd"), files.Resolve("/etc/hostname-link"));
        Assert.Null(files.Resolve("/bin/missing"));
        Assert.StartsWith("root:", files.TryReadAllText("/etc/passwd"));
        Assert.Null(files.TryReadAllText("/etc/group"));
    }

    [Fact]
    public void Dot_dot_never_climbs_out_of_the_root()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine("etc"));
        File.WriteAllText(dir.Combine("etc", "passwd"), "");
        File.CreateSymbolicLink(dir.Combine("escape"), "../../../../etc/passwd");
        var files = RootfsFiles.FromMounts([Mount.Bind(dir.Path, readOnly: true)]);
        Assert.Equal(dir.Combine("etc", "passwd"), files.Resolve("/escape"));
    }

    [Fact]
    public void Overlay_upper_shadows_lower_layers_top_most_first()
    {
        using var dir = new TempDir();
        foreach (string l in new[] { "upper", "l1", "l2" }) Directory.CreateDirectory(dir.Combine(l, "etc"));
        File.WriteAllText(dir.Combine("l2", "etc", "a"), "l2");
        File.WriteAllText(dir.Combine("l1", "etc", "a"), "l1");
        File.WriteAllText(dir.Combine("l2", "etc", "b"), "l2");
        File.WriteAllText(dir.Combine("upper", "etc", "c"), "upper");
        Mount overlay = Mount.Overlay([dir.Combine("l1"), dir.Combine("l2")], (dir.Combine("upper"), dir.Combine("work")));
        var files = RootfsFiles.FromMounts([overlay]);
        Assert.Equal(dir.Combine("l1", "etc", "a"), files.Resolve("/etc/a"));
        Assert.Equal(dir.Combine("l2", "etc", "b"), files.Resolve("/etc/b"));
        Assert.Equal(dir.Combine("upper", "etc", "c"), files.Resolve("/etc/c"));
    }

    [PrivilegedFact]
    public void Overlay_whiteout_hides_the_file_below()
    {
        using var dir = new TempDir();
        foreach (string l in new[] { "l1", "l2" }) Directory.CreateDirectory(dir.Combine(l, "etc"));
        File.WriteAllText(dir.Combine("l2", "etc", "passwd"), "root:x:0:0::/root:/bin/sh\n");
        using (var mknod = System.Diagnostics.Process.Start("mknod", [dir.Combine("l1", "etc", "passwd"), "c", "0", "0"])) mknod.WaitForExit();
        var files = RootfsFiles.FromMounts([Mount.Overlay([dir.Combine("l1"), dir.Combine("l2")], null)]);
        Assert.Null(files.Resolve("/etc/passwd"));
    }

    [Fact]
    public void Unsupported_root_mounts_are_refused()
    {
        Assert.Throws<DrydockException>(() => RootfsFiles.FromMounts([new Mount("tmpfs", "tmpfs", [])]));
        Assert.Throws<DrydockException>(() => RootfsFiles.FromMounts([]));
    }
}

using Drydock.Core;
using Drydock.TestKit;

namespace Drydock.Snapshotter.Tests.Snapshots;

public sealed class SnapshotterFactoryTests
{
    [Fact]
    public void An_unknown_driver_is_InvalidArgument()
    {
        using var tmp = new TempDir();
        var e = Assert.Throws<DrydockException>(() => SnapshotterFactory.Open(new DrydockRoot(tmp.Path), "zfs"));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Equal("unknown snapshotter 'zfs': expected overlayfs, native or auto", e.Message);
    }

    [PrivilegedFact]
    public async Task Auto_probes_once_remembers_and_an_explicit_conflict_is_an_error()
    {
        using var tmp = new TempDir();
        var root = new DrydockRoot(tmp.Path);
        ISnapshotter sn = SnapshotterFactory.Open(root, "auto");
        await sn.PrepareAsync("a", null);
        string remembered = File.ReadAllText(Path.Combine(root.Snapshots, "driver")).Trim();
        Assert.Equal("overlayfs", remembered);   // this host mounts overlays
        Assert.True(Directory.Exists(Path.Combine(root.Snapshots, "overlayfs", "metadata")));
        Assert.NotNull(await SnapshotterFactory.Open(root, "overlayfs").TryStatAsync("a"));
        var e = Assert.Throws<DrydockException>(() => SnapshotterFactory.Open(root, "native"));
        Assert.Equal(ErrorKind.FailedPrecondition, e.Kind);
        Assert.Contains("holds 'overlayfs' snapshots", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(root.Tmp));
    }

    [PrivilegedFact]
    public void Overlay_mount_options_are_remembered_per_kernel_release()
    {
        using var tmp = new TempDir();
        var root = new DrydockRoot(tmp.Path);
        SnapshotterFactory.Open(root, "overlayfs");
        string file = Path.Combine(root.Snapshots, "overlayfs", "mount-options");
        string[] lines = File.ReadAllLines(file);
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), lines[0]);
        Assert.Contains("index=off", lines[1], StringComparison.Ordinal);

        File.WriteAllLines(file, ["0.0.0-another-kernel", ""]);
        SnapshotterFactory.Open(root, "overlayfs");
        Assert.Equal(lines, File.ReadAllLines(file));   // probed again on this kernel
    }

    [PrivilegedFact]
    public void An_explicit_native_root_stays_native_under_auto()
    {
        using var tmp = new TempDir();
        var root = new DrydockRoot(tmp.Path);
        SnapshotterFactory.Open(root, "native");
        Assert.Equal("native", File.ReadAllText(Path.Combine(root.Snapshots, "driver")).Trim());
        Assert.Equal("Native" + "Snapshotter", SnapshotterFactory.Open(root, "auto").GetType().Name);
    }
}

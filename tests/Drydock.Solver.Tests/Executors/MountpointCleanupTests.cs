using Drydock.Core;
using Drydock.Solver.Executors;
using Drydock.TestKit;

namespace Drydock.Solver.Tests.Executors;

/// <summary>Mount points the runtime made for a step stay out of its layer; anything the step wrote there stays in.</summary>
public sealed class MountpointCleanupTests : IDisposable
{
    private readonly TempDir _dir = new("solver-mountpoints");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Runtime_mount_points_missing_from_the_base_are_removed_after_the_step_unless_written()
    {
        string rootfs = _dir.Combine("rootfs");
        Directory.CreateDirectory(Path.Combine(rootfs, "dev"));
        IReadOnlyList<Mount> mounts = [Mount.Bind(rootfs, readOnly: false)];

        IReadOnlyList<string> missing = MountpointCleanup.Missing(mounts, [.. MountpointCleanup.RuntimeTargets, "/run/secrets/token"]);
        Assert.Equal(["proc", "sys", "run"], missing);

        // what the runtime creates, and one file a step wrote under a new mount point's directory
        Directory.CreateDirectory(Path.Combine(rootfs, "proc"));
        Directory.CreateDirectory(Path.Combine(rootfs, "sys"));
        Directory.CreateDirectory(Path.Combine(rootfs, "run", "secrets"));
        File.WriteAllText(Path.Combine(rootfs, "run", "secrets", "token"), "");
        File.WriteAllText(Path.Combine(rootfs, "run", "app.pid"), "42");
        MountpointCleanup.Remove(mounts, missing);

        Assert.False(Directory.Exists(Path.Combine(rootfs, "proc")));
        Assert.False(Directory.Exists(Path.Combine(rootfs, "sys")));
        Assert.True(Directory.Exists(Path.Combine(rootfs, "dev")));
        Assert.True(File.Exists(Path.Combine(rootfs, "run", "app.pid")));
    }
}

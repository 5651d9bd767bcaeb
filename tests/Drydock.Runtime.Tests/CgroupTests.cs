using Drydock.Runtime.Linux.Cgroups;
using Drydock.TestKit;

namespace Drydock.Runtime.Tests;

[Collection(RuntimeCollection.Name)]
public sealed class CgroupTests(RuntimeFixture fx)
{
    [PrivilegedFact]
    public async Task Memory_limit_is_enforced_by_the_oom_killer()
    {
        ContainerSpec spec = fx.Spec("sh", "-c", "x=$(head -c 134217728 /dev/zero | tr '\\0' a); echo survived") with
        {
            Resources = new ResourceLimits { MemoryBytes = 32 * 1024 * 1024 },
        };
        var (code, output, _) = await fx.RunAsync(spec);
        Assert.DoesNotContain("survived", output);
        Assert.Equal(137, code);
    }

    [PrivilegedFact]
    public async Task The_same_work_survives_without_a_limit()
    {
        var (code, output, _) = await fx.ShAsync("x=$(head -c 67108864 /dev/zero | tr '\\0' a); echo survived");
        Assert.Equal(0, code);
        Assert.Equal("survived\n", output);
    }

    [PrivilegedFact]
    public async Task Pids_limit_is_enforced()
    {
        ContainerSpec spec = fx.Spec("sh", "-c", "i=0; while [ $i -lt 30 ]; do sleep 1 & i=$((i+1)); done; echo done") with
        {
            Resources = new ResourceLimits { PidsLimit = 8 },
        };
        var (_, _, error) = await fx.RunAsync(spec);
        Assert.Contains("fork", error);
    }

    [PrivilegedFact]
    public async Task Container_runs_in_its_own_cgroup_which_is_removed_after_exit()
    {
        ContainerSpec spec = fx.Spec("cat", "/proc/self/cgroup") with { Resources = new ResourceLimits { PidsLimit = 100, MemoryBytes = 256 * 1024 * 1024 } };
        var (code, output, _) = await fx.RunAsync(spec);
        Assert.Equal(0, code);
        Assert.Contains($"pids:/drydock/{spec.Id}", output);
        Assert.Contains($"memory:/drydock/{spec.Id}", output);
        CgroupHost host = CgroupHost.Current;
        foreach (string controller in (string[])["pids", "memory"])
        {
            string mount = host.UsesUnified(controller) ? host.UnifiedMount! : host.V1[controller].Mount;
            Assert.False(Directory.Exists(Path.Combine(mount, "drydock", spec.Id)), $"{controller} cgroup left behind");
        }
    }

    [PrivilegedFact]
    public async Task Cpu_quota_is_written()
    {
        // the default config has no cgroup mount: read the container's cgroup from the host while it runs
        await using IContainerProcess p = await fx.Runtime.StartAsync(fx.Spec("sleep", "10") with { Resources = new ResourceLimits { Cpus = 0.5 } }, new ProcessIO { NullStdin = true });
        string cgroup = File.ReadAllLines($"/proc/{p.Pid}/cgroup").First(l => l.Contains(":cpu,", StringComparison.Ordinal) || l.Contains(":cpu:", StringComparison.Ordinal) || l.StartsWith("0::", StringComparison.Ordinal)).Split(':', 3)[2];
        CgroupHost host = CgroupHost.Current;
        string text = host.UsesUnified("cpu")
            ? File.ReadAllText(Path.Combine(host.UnifiedMount!, cgroup.TrimStart('/'), "cpu.max"))
            : File.ReadAllText(Path.Combine(host.V1["cpu"].Mount, cgroup.TrimStart('/'), "cpu.cfs_quota_us"));
        Assert.StartsWith("50000", text);
    }

    [Fact]
    public void Hybrid_host_layout_is_read_from_mountinfo()
    {
        string[] mountinfo =
        [
            "30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
            "31 30 0:28 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct",
            "34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
            "39 30 0:36 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd",
            "40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw",
        ];
        string[] self = ["4:memory:/user/a", "2:cpu,cpuacct:/", "1:name=systemd:/", "0::/"];
        CgroupHost host = CgroupHost.Read(mountinfo, self);
        Assert.Equal("/sys/fs/cgroup/unified", host.UnifiedMount);
        Assert.Equal(("/sys/fs/cgroup/memory", "/user/a"), host.V1["memory"]);
        Assert.Equal("/sys/fs/cgroup/cpu,cpuacct", host.V1["cpu"].Mount);
        Assert.Equal(3, host.V1Mounts.Count);
        Assert.False(host.V1.ContainsKey("xattr"));
        Assert.False(host.IsUnifiedOnly);
    }
}

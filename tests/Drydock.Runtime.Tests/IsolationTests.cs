using Drydock.TestKit;

namespace Drydock.Runtime.Tests;

[Collection(RuntimeCollection.Name)]
public sealed class IsolationTests(RuntimeFixture fx)
{
    [PrivilegedFact]
    public async Task Process_is_pid_1_of_its_own_pid_namespace()
    {
        var (code, output, _) = await fx.ShAsync("echo $$; ps -o pid= | wc -l");
        Assert.Equal(0, code);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("1", lines[0]);
        Assert.True(int.Parse(lines[1]) <= 3, $"host processes are visible: {output}");
    }

    [PrivilegedFact]
    public async Task Hostname_is_the_containers_own()
    {
        var (code, output, _) = await fx.RunAsync(fx.Spec("hostname") with { Hostname = "drydock-test" });
        Assert.Equal(0, code);
        Assert.Equal("drydock-test", output.Trim());
        Assert.NotEqual("drydock-test", Environment.MachineName);
    }

    [PrivilegedFact]
    public async Task Mount_table_is_the_containers_own()
    {
        var (code, output, _) = await fx.ShAsync("cat /proc/self/mountinfo");
        Assert.Equal(0, code);
        Assert.Contains(" / / ", output);
        Assert.Contains("overlay", output);
        Assert.DoesNotContain("/sys/fs/cgroup/memory", output);
        Assert.DoesNotContain(fx.Busybox.Path, File.ReadAllText("/proc/self/mountinfo"));
    }

    [PrivilegedFact]
    public async Task Masked_proc_paths_are_empty_and_readonly_paths_refuse_writes()
    {
        Assert.NotEmpty(File.ReadAllText("/proc/interrupts"));
        Assert.NotEmpty(Directory.GetFileSystemEntries("/sys/firmware"));
        var (code, output, _) = await fx.ShAsync("wc -c < /proc/interrupts; ls /sys/firmware | wc -l; echo 1 > /proc/sys/kernel/ns_last_pid && echo written || echo refused");
        Assert.Equal(0, code);
        Assert.Equal(["0", "0", "refused"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [PrivilegedFact]
    public async Task Capabilities_are_dockers_default_set()
    {
        var (code, output, _) = await fx.ShAsync("grep -E '^Cap(Eff|Bnd|Prm|Inh)' /proc/self/status");
        Assert.Equal(0, code);
        // CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP NET_BIND_SERVICE NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP
        Assert.Contains("CapEff:\t00000000a80425fb", output);
        Assert.Contains("CapBnd:\t00000000a80425fb", output);
        Assert.Contains("CapInh:\t0000000000000000", output);
    }

    [PrivilegedFact]
    public async Task Network_none_has_only_loopback_and_it_is_up()
    {
        var (code, output, _) = await fx.ShAsync("ls /sys/class/net; ip link show lo");
        Assert.Equal(0, code);
        Assert.StartsWith("lo\n", output);
        Assert.Contains("UP", output.Split('\n')[1]);
    }

    [PrivilegedFact]
    public async Task Dev_is_populated()
    {
        var (code, output, _) = await fx.ShAsync("ls /dev; echo x > /dev/null && head -c 4 /dev/zero | wc -c; readlink /dev/fd; readlink /dev/ptmx");
        Assert.Equal(0, code);
        foreach (string d in (string[])["null", "zero", "full", "random", "urandom", "tty", "pts", "shm", "mqueue", "stdin"]) Assert.Contains(d + "\n", output);
        Assert.Contains("4\n/proc/self/fd\npts/ptmx", output);
    }
}

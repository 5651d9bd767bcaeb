using Drydock.Runtime.Linux.Cgroups;
using Drydock.TestKit;

namespace Drydock.Runtime.Tests;

[Collection(RuntimeCollection.Name)]
public sealed class LeftoverTests(RuntimeFixture fx)
{
    [PrivilegedFact]
    public async Task The_first_start_removes_what_a_crashed_drydock_left_behind()
    {
        using var state = new TempDir("drydock-leftover");
        CgroupHost host = CgroupHost.Current;
        string mount = host.UsesUnified("pids") ? host.UnifiedMount! : host.V1["pids"].Mount;
        string cgroup = Path.Combine(mount, "drydock", "leftover-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(cgroup);
        string dead = state.Combine("crashed");
        Directory.CreateDirectory(Path.Combine(dead, "rootfs"));
        File.WriteAllText(Path.Combine(dead, "pids"), "999999 12345\n");   // a pid that does not exist
        File.WriteAllText(Path.Combine(dead, "cgroups"), cgroup + "\n");
        string alive = state.Combine("alive");
        Directory.CreateDirectory(alive);
        File.WriteAllText(Path.Combine(alive, "pids"), $"{Environment.ProcessId} {File.ReadAllText($"/proc/{Environment.ProcessId}/stat").Split(") ")[1].Split(' ')[19]}\n");

        var runtime = new LinuxContainerRuntime(state.Path);
        ContainerSpec spec = fx.Spec("true");
        await using (IContainerProcess p = await runtime.StartAsync(spec, new ProcessIO { NullStdin = true }))
            Assert.Equal(0, await p.WaitAsync());

        Assert.False(Directory.Exists(dead));
        Assert.False(Directory.Exists(cgroup));
        Assert.True(Directory.Exists(alive));
    }

    [PrivilegedFact]
    public async Task Killing_the_owner_kills_the_container()
    {
        // drydock-init watches fd 3: when the Drydock process that owns it is gone, it kills the container
        using var dir = new TempDir();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string a in (string[])[Path.Combine(AppContext.BaseDirectory, "drydock-runtime.dll"), "--root", dir.Combine("root"), "run", "--bundle", MakeBundle(dir.Path, fx.Busybox.Path), "owned"]) start.ArgumentList.Add(a);
        using var owner = System.Diagnostics.Process.Start(start)!;
        string pidFile = dir.Combine("root", "owned", "pid");
        for (int i = 0; i < 500 && !File.Exists(pidFile); i++) await Task.Delay(10);
        int pid = int.Parse(File.ReadAllText(pidFile).Split(' ')[0]);
        Assert.True(Directory.Exists($"/proc/{pid}"));
        owner.Kill();
        await owner.WaitForExitAsync();
        for (int i = 0; i < 300 && Directory.Exists($"/proc/{pid}"); i++) await Task.Delay(10);
        Assert.False(Directory.Exists($"/proc/{pid}"), "the container outlived its owner");
    }

    private static string MakeBundle(string dir, string rootfs)
    {
        string bundle = Path.Combine(dir, "bundle");
        Directory.CreateDirectory(bundle);
        File.WriteAllText(Path.Combine(bundle, "config.json"), $$$"""
            {"ociVersion":"1.2.0","root":{"path":"{{{rootfs}}}","readonly":true},
             "process":{"args":["sleep","100"],"env":["PATH=/bin"],"cwd":"/"},
             "mounts":[{"destination":"/proc","type":"proc","source":"proc"}],
             "linux":{"namespaces":[{"type":"pid"},{"type":"mount"}]}}
            """);
        return bundle;
    }
}

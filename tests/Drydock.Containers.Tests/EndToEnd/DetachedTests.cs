using System.Diagnostics;
using Drydock.Containers.Store;
using Drydock.TestKit;

namespace Drydock.Containers.Tests.EndToEnd;

/// <summary>-d and the commands that manage detached containers: ps, logs, stop, kill, rm; and crash cleanup.</summary>
public sealed class DetachedTests(BusyboxStoreFixture store) : IClassFixture<BusyboxStoreFixture>
{
    private const string Service = "trap 'echo bye; exit 0' TERM; echo hello; while true; do sleep 0.1; done";

    private DrydockCli Cli => store.Cli;

    private async Task<string> OutputAsync(params string[] args)
    {
        DrydockCli.Result r = await Cli.RunAsync(args);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.Stdout;
    }

    [PrivilegedFact]
    public async Task Detached_container_logs_stops_and_is_removed()
    {
        string id = (await OutputAsync("run", "-d", "--name", "svc", "busybox", "sh", "-c", Service)).Trim();
        Assert.Matches("^[0-9a-f]{64}$", id);
        string ps = await OutputAsync("ps");
        Assert.Contains(id[..12], ps, StringComparison.Ordinal);
        Assert.Contains("Up ", ps, StringComparison.Ordinal);
        Assert.Contains("svc", ps, StringComparison.Ordinal);

        await WaitForAsync(async () => (await OutputAsync("logs", "svc")) == "hello\n");
        Assert.Equal("svc\n", await OutputAsync("stop", "svc"));
        Assert.Equal("hello\nbye\n", await OutputAsync("logs", "svc"));
        Assert.Equal("bye\n", await OutputAsync("logs", "--tail", "1", "svc"));
        Assert.Equal("", await OutputAsync("ps", "-q"));
        Assert.Contains("Exited (0)", await OutputAsync("ps", "-a"), StringComparison.Ordinal);

        Assert.Equal("svc\n", await OutputAsync("rm", "svc"));
        DrydockCli.Result gone = await Cli.RunAsync("logs", "svc");
        Assert.Equal(1, gone.ExitCode);
        Assert.Equal("Error: No such container: svc\n", gone.Stderr);
    }

    [PrivilegedFact]
    public async Task Stop_escalates_to_sigkill_after_the_timeout()
    {
        await OutputAsync("run", "-d", "--name", "stubborn", "busybox", "sh", "-c", "trap '' TERM; while true; do sleep 0.1; done");
        var clock = Stopwatch.StartNew();
        await OutputAsync("stop", "-t", "1", "stubborn");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(20));
        Assert.Contains("Exited (137)", await OutputAsync("ps", "-a", "--format", "{{.Names}} {{.Status}}"), StringComparison.Ordinal);
        await OutputAsync("rm", "stubborn");
    }

    [PrivilegedFact]
    public async Task Kill_sends_the_signal_and_rm_refuses_a_running_container_without_force()
    {
        await OutputAsync("run", "-d", "--name", "target", "busybox", "sh", "-c", "trap 'exit 7' USR1; while true; do sleep 0.1; done");
        DrydockCli.Result refused = await Cli.RunAsync("rm", "target");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("container is running: stop the container before removing or force remove", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("target\n", await OutputAsync("kill", "-s", "USR1", "target"));
        await WaitForAsync(async () => (await OutputAsync("ps", "-a", "--format", "{{.Names}} {{.Status}}")).Contains("target Exited (7)", StringComparison.Ordinal));
        DrydockCli.Result notRunning = await Cli.RunAsync("kill", "target");
        Assert.Equal(1, notRunning.ExitCode);
        Assert.Equal("target\n", await OutputAsync("rm", "-f", "target"));
    }

    [PrivilegedFact]
    public async Task Rm_force_kills_a_running_container()
    {
        await OutputAsync("run", "-d", "--name", "doomed", "busybox", "sleep", "1000");
        Assert.Equal("doomed\n", await OutputAsync("rm", "-f", "doomed"));
        Assert.DoesNotContain("doomed", await OutputAsync("ps", "-a"), StringComparison.Ordinal);
    }

    [PrivilegedFact]
    public async Task A_killed_drydock_leaves_nothing_running_after_the_next_command()
    {
        using Process run = Cli.Start("run", "--name", "orphan", "busybox", "sleep", "1000");
        ContainerRecord? record = null;
        var records = new ContainerStore(store.Root);
        await WaitForAsync(async () =>
        {
            await foreach (ContainerRecord r in records.ListAsync(CancellationToken.None))
                if (r.Name == "orphan" && r.Status == ContainerStatus.Running) record = r;
            return record is not null;
        });
        run.Kill();
        await run.WaitForExitAsync();
        string ps = await OutputAsync("ps", "-a", "--format", "{{.Names}} {{.State}}");
        Assert.Contains("orphan exited", ps, StringComparison.Ordinal);
        Assert.False(record!.Process!.IsAlive);
        await OutputAsync("rm", "orphan");
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "timed out waiting for the container");
            await Task.Delay(100);
        }
    }
}

using System.Text;
using Drydock.Core;
using Drydock.TestKit;

namespace Drydock.Runtime.Tests;

[Collection(RuntimeCollection.Name)]
public sealed class ProcessTests(RuntimeFixture fx)
{
    [PrivilegedFact]
    public async Task Exit_code_of_the_process_is_returned()
    {
        var (code, _, _) = await fx.ShAsync("exit 42");
        Assert.Equal(42, code);
    }

    [PrivilegedFact]
    public async Task A_killed_process_exits_with_128_plus_the_signal()
    {
        // under --init the shell is not PID 1, which the kernel shields from its own signals
        var (code, _, _) = await fx.RunAsync(fx.Spec("sh", "-c", "kill -USR1 $$; sleep 5") with { Init = true });
        Assert.Equal(128 + 10, code);
    }

    [PrivilegedFact]
    public async Task Init_forwards_signals_to_the_process()
    {
        await using IContainerProcess p = await fx.Runtime.StartAsync(fx.Spec("sleep", "100") with { Init = true }, new ProcessIO { NullStdin = true });
        await Task.Delay(100);
        p.Signal(15);
        Assert.Equal(128 + 15, await p.WaitAsync().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [PrivilegedFact]
    public async Task Signal_is_delivered_to_the_container_process()
    {
        var output = new StringBuilder();
        var io = new ProcessIO { NullStdin = true, OnOutput = (d, _) => { lock (output) output.Append(Encoding.UTF8.GetString(d.Span)); } };
        await using IContainerProcess p = await fx.Runtime.StartAsync(fx.Spec("sh", "-c", "trap 'echo got-term; exit 7' TERM; echo ready; while true; do sleep 0.05; done"), io);
        for (int i = 0; i < 200 && !output.ToString().Contains("ready"); i++) await Task.Delay(10);
        p.Signal(15);
        Assert.Equal(7, await p.WaitAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("got-term", output.ToString());
    }

    [PrivilegedFact]
    public async Task Disposing_a_running_container_kills_it_and_removes_its_state()
    {
        ContainerSpec spec = fx.Spec("sleep", "100");
        IContainerProcess p = await fx.Runtime.StartAsync(spec, new ProcessIO { NullStdin = true });
        Assert.True(Directory.Exists(Path.Combine(fx.StateRoot, spec.Id)));
        int pid = p.Pid;
        Assert.True(Directory.Exists($"/proc/{pid}"));
        await p.DisposeAsync();
        Assert.Equal(137, await p.WaitAsync());
        Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(fx.StateRoot, spec.Id)));
    }

    [PrivilegedFact]
    public async Task Missing_binary_is_a_clear_error_with_stage_and_errno()
    {
        var e = await Assert.ThrowsAsync<ContainerStartException>(() => fx.RunAsync(fx.Spec("/no/such/binary")));
        Assert.Equal("exec", e.Stage);
        Assert.Equal(2, e.Errno);
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Contains("'/no/such/binary'", e.Message);
        Assert.Contains("ENOENT", e.Message);
    }

    [PrivilegedFact]
    public async Task Missing_command_in_path_names_the_path_searched()
    {
        var e = await Assert.ThrowsAsync<ContainerStartException>(() => fx.RunAsync(fx.Spec("no-such-command")));
        Assert.Equal("exec", e.Stage);
        Assert.Contains("PATH /bin", e.Message);
    }

    [PrivilegedFact]
    public async Task Stdout_and_stderr_are_captured_apart()
    {
        var (code, output, error) = await fx.ShAsync("echo out; echo err >&2");
        Assert.Equal(0, code);
        Assert.Equal("out\n", output);
        Assert.Equal("err\n", error);
    }

    [PrivilegedFact]
    public async Task Captured_stdout_and_stderr_can_be_opened_by_path()
    {
        // scripts write to /dev/stderr; that only works when fd 2 is a pipe, not a socket
        var (code, output, error) = await fx.ShAsync("echo out > /dev/stdout; echo err > /dev/stderr");
        Assert.Equal((0, "out\n", "err\n"), (code, output, error));
    }

    [PrivilegedFact]
    public async Task Env_and_cwd_are_the_specs()
    {
        ContainerSpec spec = fx.Spec("sh", "-c", "echo $FOO; pwd");
        spec = spec with { Process = spec.Process with { Env = ["PATH=/bin", "FOO=bar"], Cwd = "/tmp" } };
        var (code, output, _) = await fx.RunAsync(spec);
        Assert.Equal(0, code);
        Assert.Equal("bar\n/tmp\n", output);
    }

    [PrivilegedFact]
    public async Task User_and_groups_are_switched_and_capabilities_dropped()
    {
        ContainerSpec spec = fx.Spec("sh", "-c", "id -u; id -g; id -G; grep CapEff /proc/self/status");
        spec = spec with { Process = spec.Process with { Uid = 1000, Gid = 1000, AdditionalGids = [5, 1000] } };
        var (code, output, _) = await fx.RunAsync(spec);
        Assert.Equal(0, code);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("1000", lines[0]);
        Assert.Equal("1000", lines[1]);
        Assert.Contains("5", lines[2].Split(' '));
        Assert.Equal("CapEff:\t0000000000000000", lines[3]);
    }

    [PrivilegedFact]
    public async Task Read_only_root_refuses_writes_but_tmpfs_mounts_accept_them()
    {
        ContainerSpec spec = fx.Spec("sh", "-c", "touch /x 2>/dev/null && echo root-written || echo root-refused; touch /dev/shm/x && echo shm-written");
        var (code, output, _) = await fx.RunAsync(spec with { ReadOnlyRoot = true });
        Assert.Equal(0, code);
        Assert.Equal("root-refused\nshm-written\n", output);
    }

    [PrivilegedFact]
    public async Task Bind_mounts_are_read_write_or_read_only_as_asked()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Combine("in.txt"), "from-host");
        ContainerSpec spec = fx.Spec("sh", "-c", "cat /data/in.txt; echo back > /data/out.txt; cat /ro/in.txt; echo x > /ro/y 2>/dev/null || echo ro-refused");
        spec = spec with
        {
            Mounts = [new ContainerMount("/data", Mount.Bind(dir.Path, readOnly: false)), new ContainerMount("/ro", Mount.Bind(dir.Path, readOnly: true))],
        };
        var (code, output, _) = await fx.RunAsync(spec);
        Assert.Equal(0, code);
        Assert.Equal("from-hostfrom-hostro-refused\n", output);
        Assert.Equal("back\n", File.ReadAllText(dir.Combine("out.txt")));
    }

    [PrivilegedFact]
    public async Task Init_reaps_zombies_and_passes_the_exit_code()
    {
        ContainerSpec spec = fx.Spec("sh", "-c", "sleep 0.1 & exec sh -c 'sleep 0.3; ps -o stat,comm | grep -c Z; exit 5'") with { Init = true };
        var (code, output, _) = await fx.RunAsync(spec);
        Assert.Equal(5, code);
        Assert.Equal("0", output.Trim());
    }

    [PrivilegedFact]
    public async Task Cancellation_while_starting_leaves_nothing_behind()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        ContainerSpec spec = fx.Spec("sleep", "100");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await fx.Runtime.StartAsync(spec, new ProcessIO { NullStdin = true }, cts.Token));
        Assert.False(Directory.Exists(Path.Combine(fx.StateRoot, spec.Id)));
    }
}

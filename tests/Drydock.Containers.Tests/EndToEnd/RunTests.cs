using Drydock.TestKit;

namespace Drydock.Containers.Tests.EndToEnd;

/// <summary>`drydock run` through the built binary: isolation, image config, flags and exit codes, as root.</summary>
public sealed class RunTests(BusyboxStoreFixture store) : IClassFixture<BusyboxStoreFixture>
{
    private DrydockCli Cli => store.Cli;

    private async Task<string> OutputAsync(params string[] args)
    {
        DrydockCli.Result r = await Cli.RunAsync(args);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r.Stdout;
    }

    [PrivilegedFact]
    public async Task Command_runs_as_pid_1()
        => Assert.Equal("1\n", await OutputAsync("run", "--rm", "busybox", "sh", "-c", "echo $$"));

    [PrivilegedFact]
    public async Task The_command_starts_with_no_signal_ignored_so_pipelines_end()
    {
        Assert.Equal("SigIgn:\t0000000000000000\n", await OutputAsync("run", "--rm", "busybox", "grep", "SigIgn", "/proc/self/status"));
        Assert.Equal("y\n", await OutputAsync("run", "--rm", "busybox", "sh", "-c", "yes | head -n 1"));
    }

    [PrivilegedFact]
    public async Task Hostname_defaults_to_the_short_id_and_can_be_set()
    {
        Assert.Equal("box\n", await OutputAsync("run", "--rm", "--hostname", "box", "busybox", "hostname"));
        Assert.Matches("^[0-9a-f]{12}\n$", await OutputAsync("run", "--rm", "busybox", "hostname"));
    }

    [PrivilegedFact]
    public async Task Env_and_workdir_come_from_the_image_and_flags_override_them()
    {
        Assert.Equal("from-image /srv /root\n", await OutputAsync("run", "--rm", "busybox", "sh", "-c", "echo $FOO $(pwd) $HOME"));
        Assert.Equal("flag /tmp\n", await OutputAsync("run", "--rm", "-e", "FOO=flag", "-w", "/tmp", "busybox", "sh", "-c", "echo $FOO $(pwd)"));
    }

    [PrivilegedFact]
    public async Task User_by_name_gets_its_ids_groups_and_home()
        => Assert.Equal("1000 1000 1000 29 /home/app\n",
            await OutputAsync("run", "--rm", "-u", "app", "busybox", "sh", "-c", "echo $(id -u) $(id -g) $(id -G) $HOME"));

    [PrivilegedFact]
    public async Task Bind_mounts_share_host_files_and_ro_refuses_writes()
    {
        using var host = new TempDir();
        File.WriteAllText(host.Combine("hello"), "from-host\n");
        Assert.Equal("from-host\n", await OutputAsync("run", "--rm", "-v", host.Path + ":/data", "busybox", "sh", "-c", "cat /data/hello; echo out > /data/written"));
        Assert.Equal("out\n", File.ReadAllText(host.Combine("written")));
        DrydockCli.Result ro = await Cli.RunAsync("run", "--rm", "-v", host.Path + ":/data:ro", "busybox", "touch", "/data/nope");
        Assert.NotEqual(0, ro.ExitCode);
        Assert.False(File.Exists(host.Combine("nope")));
    }

    [PrivilegedFact]
    public async Task Read_only_root_refuses_writes_but_tmpfs_accepts_them()
    {
        DrydockCli.Result r = await Cli.RunAsync("run", "--rm", "--read-only", "busybox", "touch", "/srv/x");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("Read-only file system", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("ok\n", await OutputAsync("run", "--rm", "--read-only", "--tmpfs", "/scratch", "busybox", "sh", "-c", "touch /scratch/x && echo ok"));
    }

    [PrivilegedFact]
    public async Task Exit_codes_pass_through_and_failures_use_dockers_codes()
    {
        Assert.Equal(42, (await Cli.RunAsync("run", "--rm", "busybox", "sh", "-c", "exit 42")).ExitCode);
        DrydockCli.Result notFound = await Cli.RunAsync("run", "--rm", "busybox", "no-such-command");
        Assert.Equal(127, notFound.ExitCode);
        Assert.Equal("Error: executable file not found in $PATH: \"no-such-command\"\n", notFound.Stderr);
        DrydockCli.Result cannotExec = await Cli.RunAsync("run", "--rm", "busybox", "/etc/passwd");
        Assert.Equal(126, cannotExec.ExitCode);
        DrydockCli.Result noImage = await Cli.RunAsync("run", "--rm", "no-such-image");
        Assert.Equal(125, noImage.ExitCode);
        Assert.Equal("Error: No such image: no-such-image\n", noImage.Stderr);
    }

    [PrivilegedFact]
    public async Task Container_arguments_are_never_taken_for_our_flags()
        => Assert.Equal("-d -t --name x\n", await OutputAsync("run", "--rm", "busybox", "echo", "-d", "-t", "--name", "x"));

    [PrivilegedFact]
    public async Task Rm_leaves_no_container_and_no_snapshot_behind()
    {
        await OutputAsync("run", "--rm", "busybox", "sh", "-c", "echo data > /srv/new");
        Assert.Equal("", await OutputAsync("ps", "-a", "-q"));
        Assert.DoesNotContain(Directory.GetDirectories(store.Root.Containers), d => !Path.GetFileName(d).StartsWith('.'));
        Assert.Empty(await SnapshotKeysAsync());
    }

    [PrivilegedFact]
    public async Task Without_rm_the_exited_container_stays_until_removed()
    {
        Assert.Equal(3, (await Cli.RunAsync("run", "--name", "kept", "busybox", "sh", "-c", "exit 3")).ExitCode);
        Assert.Contains("Exited (3)", await OutputAsync("ps", "-a"), StringComparison.Ordinal);
        Assert.Single(await SnapshotKeysAsync());
        Assert.Equal("kept\n", await OutputAsync("rm", "kept"));
        Assert.Empty(await SnapshotKeysAsync());
    }

    [PrivilegedFact]
    public async Task Network_none_has_only_loopback_and_host_shares_the_hosts()
    {
        string none = await OutputAsync("run", "--rm", "busybox", "sh", "-c", "grep : /proc/net/dev | cut -d: -f1 | tr -d ' '");
        Assert.Equal("lo\n", none);
        string host = await OutputAsync("run", "--rm", "--network", "host", "busybox", "sh", "-c", "grep -c : /proc/net/dev");
        Assert.Equal(File.ReadAllLines("/proc/net/dev").Count(l => l.Contains(':', StringComparison.Ordinal)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n", host);
    }

    [PrivilegedFact]
    public async Task Pids_limit_stops_fork_bombs()
    {
        DrydockCli.Result r = await Cli.RunAsync("run", "--rm", "--pids-limit", "5", "busybox", "sh", "-c",
            "for i in 1 2 3 4 5 6 7 8 9 10; do sleep 2 & done; wait");
        Assert.Contains("can't fork", r.Stderr, StringComparison.Ordinal);
    }

    [PrivilegedFact]
    public async Task Memory_limit_is_enforced_by_the_oom_killer()
    {
        // dd allocates its block size at once: 64 MiB in a 16 MiB container
        DrydockCli.Result r = await Cli.RunAsync("run", "--rm", "--memory", "16m", "busybox", "dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=1");
        Assert.Equal(137, r.ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("run", "--rm", "--memory", "128m", "busybox", "dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=1")).ExitCode);
    }

    private async Task<IReadOnlyList<string>> SnapshotKeysAsync()
    {
        var keys = new List<string>();
        await foreach (var s in SnapshotterAccess.Open(store.Root).WalkAsync())
            if (s.Name.StartsWith("container-", StringComparison.Ordinal)) keys.Add(s.Name);
        return keys;
    }
}

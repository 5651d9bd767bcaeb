using System.Diagnostics;
using Drydock.Containers.Running;
using Drydock.Containers.Spec;
using Drydock.Containers.Store;
using Drydock.Containers.Tests.EndToEnd;
using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Core.Oci;
using Drydock.TestKit;

namespace Drydock.Containers.Tests.Engine;

/// <summary>
/// The engine's flows (run, exit codes, --rm, stop, kill, rm, crash cleanup) on real containers run by runc,
/// in process. The same flows through the CLI and the bundled runtime are in EndToEnd.
/// </summary>
public sealed class EngineTests : IAsyncLifetime
{
    private readonly TempDir _dir = new("drydock-engine");
    private readonly TempDir _out = new("drydock-engine-out");
    private DirectorySnapshotter _snapshotter = null!;
    private ContainerEngine _engine = null!;

    private DrydockRoot Root => new(_dir.Combine("root"));

    public async Task InitializeAsync()
    {
        if (Host.SkipReasonForPrivileged() is not null) return;
        // containers run as other users write here too
        File.SetUnixFileMode(_out.Path, (UnixFileMode)0x1FF);
        await BusyboxImage.CreateAsync(Root, "busybox", new ContainerConfig { Env = ["FOO=from-image"], WorkingDir = "/srv", Cmd = ["sh"] });
        var images = ImageService.Open(Root);
        _snapshotter = new DirectorySnapshotter(Root.Snapshots);
        _engine = new ContainerEngine(new ContainerServices
        {
            Root = Root,
            Images = new Lazy<ImageService>(images),
            Snapshotter = new Lazy<Drydock.Snapshotter.ISnapshotter>(_snapshotter),
            SnapshotterName = "directory",
            Unpack = (image, ct) => _snapshotter.UnpackAsync(image, images, ct),
            Runtime = _ => new RuncRuntime(_dir.Combine("runc-state")),
            Self = ("/bin/false", []),
        });
    }

    public Task DisposeAsync()
    {
        _out.Dispose();
        _dir.Dispose();
        return Task.CompletedTask;
    }

    private RunOptions Run(params string[] command) => new() { Image = "busybox", Command = command, Volumes = [_out.Path + ":/out"] };

    private Task<int> RunAsync(RunOptions options) => _engine.RunAsync(options, null, CancellationToken.None);

    private async Task<List<ContainerRecord>> RecordsAsync()
    {
        var list = new List<ContainerRecord>();
        await foreach (ContainerRecord r in _engine.Store.ListAsync(CancellationToken.None)) list.Add(r);
        return list;
    }

    [PrivilegedFact]
    public async Task Foreground_run_applies_the_image_config_and_returns_the_exit_code()
    {
        int exit = await RunAsync(Run("sh", "-c", "echo $$ $(hostname) $FOO $(pwd) > /out/a; id -u -n >> /out/a; exit 42") with { Remove = true, Hostname = "box", User = "app" });
        Assert.Equal(42, exit);
        Assert.Equal("1 box from-image /srv\napp\n", File.ReadAllText(_out.Combine("a")));
    }

    [PrivilegedFact]
    public async Task Rm_removes_the_record_and_the_snapshot_and_without_it_both_stay_until_rm()
    {
        await RunAsync(Run("true") with { Remove = true });
        Assert.Empty(await RecordsAsync());
        Assert.DoesNotContain(Directory.GetDirectories(Root.Snapshots), d => Path.GetFileName(d).StartsWith("container-", StringComparison.Ordinal));

        Assert.Equal(3, await RunAsync(Run("sh", "-c", "exit 3") with { Name = "kept" }));
        ContainerRecord kept = Assert.Single(await RecordsAsync());
        Assert.Equal((ContainerStatus.Exited, 3), (kept.Status, kept.ExitCode));
        Assert.NotNull(await _snapshotter.TryStatAsync(kept.SnapshotKey));
        await _engine.RemoveAsync("kept", force: false, CancellationToken.None);
        Assert.Empty(await RecordsAsync());
        Assert.Null(await _snapshotter.TryStatAsync(kept.SnapshotKey));
    }

    [PrivilegedFact]
    public async Task Stop_sends_sigterm_and_the_foreground_run_returns_the_containers_exit()
    {
        Task<int> run = RunAsync(Run("sh", "-c", "trap 'exit 0' TERM; while true; do sleep 0.1; done") with { Name = "svc" });
        await WaitForAsync(async () => run.IsCompleted || (await RecordsAsync()).Exists(r => r.Status == ContainerStatus.Running));
        if (run.IsCompleted) Assert.Fail(run.IsFaulted ? run.Exception!.ToString() : $"the container exited early with {run.Result}");
        Assert.Contains(await RecordsAsync(), r => r.Process is { IsAlive: true });
        await _engine.StopAsync("svc", TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal(0, await run);
        Assert.Equal(ContainerStatus.Exited, (await _engine.Store.FindAsync("svc", CancellationToken.None)).Status);
        await _engine.RemoveAsync("svc", force: false, CancellationToken.None);
    }

    [PrivilegedFact]
    public async Task Kill_delivers_the_signal_and_rm_refuses_a_running_container()
    {
        Task<int> run = RunAsync(Run("sh", "-c", "trap 'exit 7' USR1; while true; do sleep 0.1; done") with { Name = "killme", Remove = true });
        await WaitForAsync(async () => run.IsCompleted || (await RecordsAsync()).Exists(r => r.Status == ContainerStatus.Running));
        if (run.IsCompleted) Assert.Fail(run.IsFaulted ? run.Exception!.ToString() : $"the container exited early with {run.Result}");
        var refused = await Assert.ThrowsAsync<DrydockException>(() => _engine.RemoveAsync("killme", force: false, CancellationToken.None));
        Assert.Contains("container is running", refused.Message, StringComparison.Ordinal);
        await _engine.KillAsync("killme", Signals.Parse("USR1"), CancellationToken.None);
        Assert.Equal(7, await run);
        Assert.Empty(await RecordsAsync());
    }

    [PrivilegedFact]
    public async Task Missing_command_fails_with_127_and_leaves_nothing_with_rm()
    {
        var e = await Assert.ThrowsAsync<ContainerExitException>(() => RunAsync(Run("no-such-command") with { Remove = true }));
        Assert.Equal(127, e.ExitCode);
        Assert.Empty(await RecordsAsync());
        Assert.DoesNotContain(Directory.GetDirectories(Root.Snapshots), d => Path.GetFileName(d).StartsWith("container-", StringComparison.Ordinal));
    }

    [PrivilegedFact]
    public async Task Cleanup_kills_and_removes_a_container_whose_supervisor_died()
    {
        using Process orphan = Process.Start("sleep", ["1000"]);
        ContainerRecord r = await _engine.Store.CreateAsync("orphan", (id, name) => new ContainerRecord
        {
            Id = id, Name = name, Image = "busybox", ImageId = "sha256:x", Command = ["sleep", "1000"], Created = DateTimeOffset.UtcNow,
            SnapshotKey = "container-" + id, Status = ContainerStatus.Running, AutoRemove = false,
            Owner = ProcessIdentity.Current with { StartTime = ProcessIdentity.Current.StartTime + 1 },
            Process = ProcessIdentity.Of(orphan.Id),
        }, CancellationToken.None);
        await _engine.CleanUpAsync(CancellationToken.None);
        Assert.True(orphan.WaitForExit(5000));
        ContainerRecord after = (await _engine.Store.TryGetAsync(r.Id, CancellationToken.None))!;
        Assert.Equal((ContainerStatus.Exited, 137), (after.Status, after.ExitCode));
        Assert.NotNull(after.Error);
    }

    [PrivilegedFact]
    public async Task Supervisor_writes_json_logs_and_records_the_exit_for_logs_and_stop()
    {
        (ContainerRecord record, Drydock.Runtime.ContainerSpec spec) = await _engine.CreateAsync(
            Run("sh", "-c", "trap 'echo bye; exit 0' TERM; echo hello; echo oops >&2; while true; do sleep 0.1; done") with { Name = "svc2", Detach = true },
            CancellationToken.None);
        await ContainerEngine.WriteSpecAsync(_engine.Store.SpecPathOf(record.Id), spec, CancellationToken.None);
        var reports = new List<string>();
        Task<int> supervisor = ContainerShim.SuperviseAsync(_engine, record.Id, TimeProvider.System, line => { lock (reports) reports.Add(line); }, CancellationToken.None);
        await WaitForAsync(() => Task.FromResult(supervisor.IsCompleted || reports.Count > 0));
        Assert.Equal(["ok"], reports);
        await WaitForAsync(async () => (await LogsAsync("svc2")).Stdout == "hello\n");

        await _engine.StopAsync("svc2", TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal(0, await supervisor);
        (string stdout, string stderr) = await LogsAsync("svc2");
        Assert.Equal(("hello\nbye\n", "oops\n"), (stdout, stderr));
        ContainerRecord done = await _engine.Store.FindAsync("svc2", CancellationToken.None);
        Assert.Equal((ContainerStatus.Exited, 0), (done.Status, done.ExitCode));
        // stdout and stderr are two pipes: which line was written first is up to the scheduler
        Assert.Contains(File.ReadAllLines(_engine.Store.LogPathOf(record.Id)),
            line => line.StartsWith("{\"log\":\"hello\\n\",\"stream\":\"stdout\",\"time\":", StringComparison.Ordinal));
        await _engine.RemoveAsync("svc2", force: false, CancellationToken.None);
    }

    [PrivilegedFact]
    public async Task Supervisor_reports_a_start_failure_with_its_exit_code()
    {
        (ContainerRecord record, Drydock.Runtime.ContainerSpec spec) = await _engine.CreateAsync(Run("true") with { Detach = true }, CancellationToken.None);
        // the root filesystem vanishes between `run` and the start: the runtime's failure comes back as one line
        await ContainerEngine.WriteSpecAsync(_engine.Store.SpecPathOf(record.Id), spec with { RootMounts = [Mount.Bind("/no/such/root", readOnly: false)] }, CancellationToken.None);
        var reports = new List<string>();
        int exit = await ContainerShim.SuperviseAsync(_engine, record.Id, TimeProvider.System, reports.Add, CancellationToken.None);
        Assert.NotEqual(0, exit);
        Assert.StartsWith("error ", Assert.Single(reports), StringComparison.Ordinal);
        await _engine.RemoveAsync(record.Id, force: false, CancellationToken.None);
    }

    private async Task<(string Stdout, string Stderr)> LogsAsync(string name)
    {
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        await _engine.LogsAsync(name, follow: false, tail: null, stdout, stderr, CancellationToken.None);
        return (System.Text.Encoding.UTF8.GetString(stdout.ToArray()), System.Text.Encoding.UTF8.GetString(stderr.ToArray()));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "timed out");
            await Task.Delay(50);
        }
    }
}

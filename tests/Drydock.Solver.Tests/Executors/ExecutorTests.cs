using System.Diagnostics;
using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Runtime;
using Drydock.Solver.Cache;
using Drydock.Solver.Context;
using Drydock.Solver.Executors;
using Drydock.Solver.Graph;
using Drydock.Solver.Ops;
using Drydock.Solver.Progress;
using Drydock.Solver.Scheduling;
using Drydock.TestKit;

namespace Drydock.Solver.Tests.Executors;

/// <summary>The executors against the real runtime, on a directory snapshotter (as root).</summary>
public sealed class ExecutorTests : IDisposable
{
    private const string Base = "base";
    private readonly TempDir _dir = new("solver-exec");
    private readonly DirectorySnapshotter _snapshotter;
    private readonly BuildServices _services;
    private readonly BuildInputs _inputs = new();
    private readonly StringWriter _log = new();

    public ExecutorTests()
    {
        var root = new DrydockRoot(_dir.Combine("root"));
        Directory.CreateDirectory(root.Tmp);
        _snapshotter = new DirectorySnapshotter(_dir.Combine("snapshots"));
        _services = new BuildServices
        {
            Root = root,
            Images = ImageService.Open(root),
            Snapshotter = _snapshotter,
            Runtime = new LinuxContainerRuntime(_dir.Combine("runtime")),
            Unpack = (_, _) => throw new NotSupportedException(),
            Mount = (_, _, _) => throw new NotSupportedException("the directory snapshotter hands out plain directories"),
            Unmount = (_, _) => throw new NotSupportedException(),
        };
        if (Host.IsRoot) _snapshotter.AddCommitted(Base, BusyboxRootfs());
        Directory.CreateDirectory(_dir.Combine("ctx"));
        _inputs.Contexts[BuildInputs.MainContext] = new LocalContext("context", _dir.Combine("ctx"), p => p.StartsWith("ignored", StringComparison.Ordinal), null);
    }

    public void Dispose() => _dir.Dispose();

    private string BusyboxRootfs() => CreateBusyboxRootfs(_dir.Combine("busybox"));

    internal static string CreateBusyboxRootfs(string rootfs)
    {
        Directory.CreateDirectory(Path.Combine(rootfs, "bin"));
        Directory.CreateDirectory(Path.Combine(rootfs, "etc"));
        Directory.CreateDirectory(Path.Combine(rootfs, "tmp"));
        File.SetUnixFileMode(Path.Combine(rootfs, "tmp"), (UnixFileMode)0b111_111_111 | UnixFileMode.StickyBit);
        File.Copy("/bin/busybox", Path.Combine(rootfs, "bin/busybox"));
        using (Process p = Process.Start(new ProcessStartInfo("/bin/busybox", "--list") { RedirectStandardOutput = true })!)
        {
            foreach (string applet in p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                if (applet != "busybox") File.CreateSymbolicLink(Path.Combine(rootfs, "bin", applet), "busybox");
            p.WaitForExit();
        }
        File.WriteAllText(Path.Combine(rootfs, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n");
        File.WriteAllText(Path.Combine(rootfs, "etc/group"), "root:x:0:\napp:x:1000:\n");
        return rootfs;
    }

    private async Task<string> RunAsync(IOpExecutor executor, Op op, params SnapshotRef[] inputs)
    {
        var vertex = new Vertex(op, [], new VertexInfo("step", "", "test"));
        var key = new CacheKey(Digest.Sha256(Guid.NewGuid().ToByteArray()));
        var context = new StepContext(key, new ProgressStep("s", "step"), new PlainProgress(_log));
        SnapshotRef result = await executor.ExecuteAsync(vertex, [.. inputs], context, CancellationToken.None);
        return _snapshotter.PathOf(result.Name!);
    }

    private static ExecOp Sh(string script, IReadOnlyList<RunMount>? mounts = null, string user = "")
        => new(["/bin/sh", "-c", script], ["PATH=/bin"], "/", user, "none", mounts ?? []) { Root = 0 };

    [PrivilegedFact]
    public async Task Run_commits_the_changes_and_streams_output()
    {
        string result = await RunAsync(new ExecExecutor(_services, _inputs), Sh("echo hello > /hi && echo to-progress && id -u"), SnapshotRef.Committed(Base));
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(result, "hi")));
        Assert.Contains("to-progress", _log.ToString());
        Assert.Empty(_snapshotter.Actives);
    }

    [PrivilegedFact]
    public async Task Run_as_a_named_user()
    {
        string result = await RunAsync(new ExecExecutor(_services, _inputs), Sh("id -u > /tmp/uid", user: "app"), SnapshotRef.Committed(Base));
        Assert.Equal("1000\n", File.ReadAllText(Path.Combine(result, "tmp/uid")));
    }

    [PrivilegedFact]
    public async Task A_failing_run_reports_exit_code_and_output_and_leaves_nothing()
    {
        var e = await Assert.ThrowsAsync<StepFailedException>(() => RunAsync(new ExecExecutor(_services, _inputs), Sh("echo before-failing; exit 7"), SnapshotRef.Committed(Base)));
        Assert.Equal(7, e.ProcessExitCode);
        Assert.Equal(["before-failing"], e.OutputTail);
        Assert.Contains("process \"/bin/sh -c echo before-failing; exit 7\" did not complete successfully: exit code: 7", e.Message);
        Assert.Empty(_snapshotter.Actives);
    }

    [PrivilegedFact]
    public async Task Secret_mounts_are_visible_to_the_step_only()
    {
        string secret = _dir.Combine("token");
        File.WriteAllText(secret, "s3cret");
        _inputs.Secrets["tok"] = new SecretSource("tok", secret, null);
        var mount = new RunMount("secret", "/run/secrets/tok") { SecretId = "tok", Mode = "400" };
        string result = await RunAsync(new ExecExecutor(_services, _inputs), Sh("wc -c < /run/secrets/tok > /len", [mount]), SnapshotRef.Committed(Base));
        Assert.Equal("6", File.ReadAllText(Path.Combine(result, "len")).Trim());
        Assert.False(Path.Exists(Path.Combine(result, "run")), "the mount point made for the secret is not left in the snapshot");
        var missing = new RunMount("secret", "/run/secrets/nope") { SecretId = "nope", Required = true };
        await Assert.ThrowsAsync<DrydockException>(() => RunAsync(new ExecExecutor(_services, _inputs), Sh("true", [missing]), SnapshotRef.Committed(Base)));
    }

    [PrivilegedFact]
    public async Task Cache_mounts_outlive_the_step()
    {
        var mount = new RunMount("cache", "/cache") { CacheId = "c1" };
        var exec = new ExecExecutor(_services, _inputs);
        await RunAsync(exec, Sh("echo x >> /cache/log", [mount]), SnapshotRef.Committed(Base));
        string result = await RunAsync(exec, Sh("echo x >> /cache/log; wc -l < /cache/log > /count", [mount]), SnapshotRef.Committed(Base));
        Assert.Equal("2", File.ReadAllText(Path.Combine(result, "count")).Trim());
        Assert.False(Path.Exists(Path.Combine(result, "cache")), "the cache mount point is not left in the snapshot");
    }

    [PrivilegedFact]
    public async Task Copy_from_the_context_with_chown_chmod_and_directory_rules()
    {
        string ctx = _dir.Combine("ctx");
        Directory.CreateDirectory(Path.Combine(ctx, "src/sub"));
        File.WriteAllText(Path.Combine(ctx, "src/a.txt"), "a");
        File.WriteAllText(Path.Combine(ctx, "src/sub/b.txt"), "b");
        File.WriteAllText(Path.Combine(ctx, "ignored.txt"), "i");
        using var hasher = new ContextHasher(_services.Root);
        var copy = new CopyExecutor(_services, _inputs, hasher);
        string result = await RunAsync(copy, new CopyOp(["src"], "/app/") { Root = 0, Chown = "app", Chmod = "u=rwX,go=rX" }, SnapshotRef.Committed(Base));
        Assert.Equal("a", File.ReadAllText(Path.Combine(result, "app/a.txt")));
        Assert.Equal("b", File.ReadAllText(Path.Combine(result, "app/sub/b.txt")));
        var (uid, gid, _) = FileOwnership.Stat(Path.Combine(result, "app/sub/b.txt"));
        Assert.Equal((1000u, 1000u), (uid, gid));
        Assert.Equal((UnixFileMode)0b110_100_100, File.GetUnixFileMode(Path.Combine(result, "app/a.txt")));
        string renamed = await RunAsync(copy, new CopyOp(["src/a.txt"], "/etc/renamed") { Root = 0 }, SnapshotRef.Committed(Base));
        Assert.Equal("a", File.ReadAllText(Path.Combine(renamed, "etc/renamed")));
        await Assert.ThrowsAsync<DrydockException>(() => RunAsync(copy, new CopyOp(["ignored.txt"], "/x") { Root = 0 }, SnapshotRef.Committed(Base)));
    }

    [PrivilegedFact]
    public async Task Workdir_is_created_owned_by_the_user()
    {
        string result = await RunAsync(new MkdirExecutor(_services), new MkdirOp("/srv/app/data", "app") { Root = 0 }, SnapshotRef.Committed(Base));
        Assert.True(Directory.Exists(Path.Combine(result, "srv/app/data")));
        Assert.Equal(1000u, FileOwnership.Stat(Path.Combine(result, "srv/app/data")).Uid);
    }
}

using System.Diagnostics;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Images;
using Drydock.Core.Oci;
using Drydock.Runtime;
using Drydock.Solver.Build;
using Drydock.Solver.Cache;
using Drydock.Solver.Context;
using Drydock.Solver.Executors;
using Drydock.Solver.Lowering;
using Drydock.Solver.Ops;
using Drydock.Solver.Progress;
using Drydock.Solver.Scheduling;
using Drydock.TestKit;

namespace Drydock.Solver.Tests.Executors;

/// <summary>Dockerfile → plan → solve with the real executors and runtime, on a directory snapshotter (as root).</summary>
public sealed class SolveTests : IDisposable
{
    private readonly TempDir _dir = new("solver-solve");
    private readonly DirectorySnapshotter _snapshotter;
    private readonly BuildServices _services;
    private readonly BuildInputs _inputs = new();
    private readonly StringWriter _log = new();

    public SolveTests()
    {
        var root = new DrydockRoot(_dir.Combine("root"));
        Directory.CreateDirectory(root.Tmp);
        _snapshotter = new DirectorySnapshotter(_dir.Combine("snapshots"));
        var images = ImageService.Open(root);
        _services = new BuildServices
        {
            Root = root,
            Images = images,
            Snapshotter = _snapshotter,
            Runtime = new LinuxContainerRuntime(_dir.Combine("runtime")),
            Unpack = (_, _) => ValueTask.FromResult<string?>("busybox-chain"),
            Mount = (_, _, _) => throw new NotSupportedException(),
            Unmount = (_, _) => throw new NotSupportedException(),
        };
        Directory.CreateDirectory(_dir.Combine("ctx"));
        _inputs.Contexts[BuildInputs.MainContext] = new LocalContext("context", _dir.Combine("ctx"), null, null);
        if (!Host.IsRoot) return;
        _snapshotter.AddCommitted("busybox-chain", ExecutorTests.CreateBusyboxRootfs(_dir.Combine("busybox")));
        Descriptor layer = images.Content.WriteBlobAsync("layer"u8.ToArray(), MediaTypes.OciLayerGzip).AsTask().Result;
        images.CreateImageAsync("busybox:latest", new ImageManifest { Config = layer, Layers = [layer] },
            new ImageConfig { Config = new ContainerConfig { Env = ["PATH=/bin"] }, RootFS = new RootFS { DiffIds = [Digest.Sha256("layer"u8)] } }).Wait();
    }

    public void Dispose() => _dir.Dispose();

    private async Task<(SolvedImage Image, IReadOnlyDictionary<Drydock.Solver.Graph.Vertex, StepResult> Results)> SolveAsync(string dockerfile)
    {
        var request = new BuildRequest { DockerfileText = dockerfile, DockerfileName = "Dockerfile", Identity = _dir.Combine("ctx/Dockerfile") };
        BuildPlan plan = await new DockerfilePlanner(_services.Images).PlanAsync(request, CancellationToken.None);
        var cache = new FileCacheStore(_services.Root);
        using var hasher = new ContextHasher(_services.Root);
        var executors = new ExecutorSet()
            .Add<ImageSourceOp>(new ImageSourceExecutor(_services))
            .Add<ExecOp>(new ExecExecutor(_services, _inputs))
            .Add<CopyOp>(new CopyExecutor(_services, _inputs, hasher))
            .Add<MkdirOp>(new MkdirExecutor(_services))
            .Add<MergeOp>(new MergeExecutor(_services));
        var scheduler = new Scheduler(executors, cache, new MissExplainer(cache.Directory), new PlainProgress(_log),
            new SolveOptions { Platform = "linux/amd64" }, async (n, ct) => await _snapshotter.TryStatAsync(n, ct) is { Kind: Snapshotter.SnapshotKind.Committed });
        SolvedImage image = await PlanSolver.SolveAsync(plan, scheduler, request, CancellationToken.None);
        return (image, await scheduler.SolveAsync(plan.Targets, CancellationToken.None));
    }

    [PrivilegedFact]
    public async Task Four_independent_two_second_stages_take_about_two_seconds()
    {
        var sw = Stopwatch.StartNew();
        var (image, _) = await SolveAsync("""
            FROM busybox AS a
            RUN sleep 2 && echo a > /a
            FROM busybox AS b
            RUN sleep 2 && echo b > /b
            FROM busybox AS c
            RUN sleep 2 && echo c > /c
            FROM busybox AS d
            RUN sleep 2 && echo d > /d
            FROM busybox
            COPY --from=a /a /out/a
            COPY --from=b /b /out/b
            COPY --from=c /c /out/c
            COPY --from=d /d /out/d
            """);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(6), $"took {sw.Elapsed.TotalSeconds:0.0} s");
        string rootfs = _snapshotter.PathOf(image.Snapshot!);
        Assert.Equal("a\nb\nc\nd\n", string.Concat("abcd".Select(c => File.ReadAllText(Path.Combine(rootfs, "out", c.ToString())))));
        Assert.Equal(4, image.Steps.Count(s => s.Snapshot is not null));
    }

    [PrivilegedFact]
    public async Task A_second_solve_is_fully_cached()
    {
        File.WriteAllText(_dir.Combine("ctx/f"), "1");
        const string df = "FROM busybox\nCOPY f /f\nRUN cat /f > /g\n";
        var (first, _) = await SolveAsync(df);
        _log.GetStringBuilder().Clear();
        var (second, _) = await SolveAsync(df);
        Assert.Equal(first.Snapshot, second.Snapshot);
        Assert.Equal(2, _log.ToString().Split('\n').Count(l => l.EndsWith(" CACHED", StringComparison.Ordinal)));
        File.WriteAllText(_dir.Combine("ctx/f"), "2");
        var (third, _) = await SolveAsync(df);
        Assert.NotEqual(first.Snapshot, third.Snapshot);
        Assert.Contains("cache miss: COPY source f changed", _log.ToString());
        Assert.Equal("2", File.ReadAllText(Path.Combine(_snapshotter.PathOf(third.Snapshot!), "g")));
    }

    [PrivilegedFact]
    public async Task Copy_link_lands_on_the_stage_and_its_layer_step_is_shared_across_bases()
    {
        File.WriteAllText(_dir.Combine("ctx/linked"), "L");
        var (a, _) = await SolveAsync("FROM busybox\nRUN echo one > /one\nCOPY --link linked /opt/linked\n");
        var (b, _) = await SolveAsync("FROM busybox\nRUN echo two > /two\nCOPY --link linked /opt/linked\n");
        Assert.Equal("L", File.ReadAllText(Path.Combine(_snapshotter.PathOf(a.Snapshot!), "opt/linked")));
        Assert.True(File.Exists(Path.Combine(_snapshotter.PathOf(a.Snapshot!), "one")));
        Assert.Equal(a.Steps[^1].Snapshot, b.Steps[^1].Snapshot);
        Assert.Null(a.Steps[^1].Parent);
        Assert.False(File.Exists(Path.Combine(_snapshotter.PathOf(a.Steps[^1].Snapshot!), "one")));
    }
}

using System.Diagnostics;
using Drydock.Core;
using Drydock.Solver.Cache;
using Drydock.Solver.Executors;
using Drydock.Solver.Graph;
using Drydock.Solver.Ops;
using Drydock.Solver.Progress;
using Drydock.Solver.Scheduling;
using Drydock.TestKit;

namespace Drydock.Solver.Tests.Scheduling;

public sealed class SchedulerTests : IDisposable
{
    private readonly TempDir _dir = new("solver-sched");
    private readonly FakeExecutor _exec = new();
    private readonly StringWriter _out = new();

    public void Dispose() => _dir.Dispose();

    private Scheduler NewScheduler(bool noCache = false, int parallel = 8, IReadOnlySet<string>? noCacheStages = null)
    {
        var cache = new FileCacheStore(new DrydockRoot(_dir.Path));
        return new Scheduler(new ExecutorSet().Add<ExecOp>(_exec), cache, new MissExplainer(cache.Directory), new PlainProgress(_out),
            new SolveOptions { Platform = "linux/amd64", NoCache = noCache, MaxParallelism = parallel, NoCacheStages = noCacheStages ?? new HashSet<string>() },
            _exec.IsCommitted);
    }

    [Fact]
    public async Task Independent_branches_run_in_parallel_and_shared_inputs_once()
    {
        Vertex root = FakeExecutor.Step("base", "ok", 10);
        Vertex[] branches = [.. Enumerable.Range(0, 4).Select(i => FakeExecutor.Step($"b{i} sleep", "ok", 400, root))];
        Vertex join = FakeExecutor.Step("join", "ok", 10, branches);
        var results = await NewScheduler().SolveAsync([join], CancellationToken.None);
        Assert.Equal(4, _exec.MaxRunning); // all four branches were running at once
        Assert.Single(_exec.Ran, n => n == "base");
        Assert.Equal(6, results.Count);
    }

    [Fact]
    public async Task Parallelism_is_bounded()
    {
        Vertex[] branches = [.. Enumerable.Range(0, 6).Select(i => FakeExecutor.Step($"b{i}", "ok", 100))];
        await NewScheduler(parallel: 2).SolveAsync(branches, CancellationToken.None);
        Assert.Equal(2, _exec.MaxRunning);
    }

    [Fact]
    public async Task Second_solve_is_cached_with_the_same_keys()
    {
        Vertex a = FakeExecutor.Step("a", "ok", 1);
        Vertex b = FakeExecutor.Step("b", "ok", 1, a);
        var first = await NewScheduler().SolveAsync([b], CancellationToken.None);
        var second = await NewScheduler().SolveAsync([b], CancellationToken.None);
        Assert.Equal(2, _exec.Ran.Count);
        Assert.All(second.Values, r => Assert.True(r.Cached));
        Assert.Equal(first[b].Key, second[b].Key);
        Assert.Contains("CACHED", _out.ToString());
    }

    [Fact]
    public async Task No_cache_reruns_and_says_why()
    {
        Vertex a = FakeExecutor.Step("a", "ok", 1);
        await NewScheduler().SolveAsync([a], CancellationToken.None);
        await NewScheduler(noCache: true).SolveAsync([a], CancellationToken.None);
        Assert.Equal(2, _exec.Ran.Count);
        Assert.Contains("cache miss: --no-cache", _out.ToString());
    }

    [Fact]
    public async Task No_cache_filter_reruns_only_that_stage()
    {
        Vertex a = FakeExecutor.Step("a", "ok", 1);
        Vertex b = FakeExecutor.Step("b", "ok", 1, a);
        await NewScheduler().SolveAsync([b], CancellationToken.None);
        await NewScheduler(noCacheStages: new HashSet<string> { "b" }).SolveAsync([b], CancellationToken.None);
        Assert.Equal(["a", "b", "b"], _exec.Ran);
    }

    [Fact]
    public async Task Changed_parent_reruns_child_and_explains()
    {
        Vertex a1 = FakeExecutor.Step("a", "ok", 1);
        await NewScheduler().SolveAsync([FakeExecutor.Step("b", "ok", 1, a1)], CancellationToken.None);
        Vertex a2 = FakeExecutor.Step("a", "ok", 2);
        await NewScheduler().SolveAsync([FakeExecutor.Step("b", "ok", 1, a2)], CancellationToken.None);
        string output = _out.ToString();
        Assert.Contains("cache miss: parent step rebuilt", output);
        Assert.Contains("cache miss: instruction changed", output);
    }

    [Fact]
    public async Task A_failure_cancels_the_others_and_is_what_is_thrown()
    {
        Vertex slow = FakeExecutor.Step("slow", "ok", 10_000);
        Vertex bad = FakeExecutor.Step("bad", "fail", 50);
        var sw = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<StepFailedException>(() => NewScheduler().SolveAsync([slow, bad], CancellationToken.None));
        Assert.Equal("bad", e.Message);
        Assert.Contains("step 'bad' failed", e.InnerException!.Message);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(0, _exec.Running);
        Assert.Contains("ERROR", _out.ToString());
    }

    [Fact]
    public async Task Plain_progress_reads_like_buildkit()
    {
        Vertex a = FakeExecutor.Step("RUN echo", "ok", 1);
        await NewScheduler().SolveAsync([a], CancellationToken.None);
        string[] lines = _out.ToString().Split('\n');
        Assert.Equal("#1 RUN echo", lines[0]);
        Assert.Equal("#1 cache miss: no earlier build of this step", lines[1]);
        Assert.Matches(@"^#1 \d+\.\d{3} line one$", lines[2]);
        Assert.Matches(@"^#1 DONE \d+\.\ds$", lines[4]);
    }
}

public sealed class SharedVertexTests : IDisposable
{
    private readonly TempDir _dir = new("solver-shared");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Equal_vertices_from_different_stages_run_once()
    {
        var exec = new FakeExecutor();
        var cache = new FileCacheStore(new DrydockRoot(_dir.Path));
        var scheduler = new Scheduler(new ExecutorSet().Add<ExecOp>(exec), cache, null, new QuietProgress(),
            new SolveOptions { Platform = "linux/amd64" }, exec.IsCommitted);
        Vertex a1 = FakeExecutor.Step("base", "ok", 50), a2 = FakeExecutor.Step("base", "ok", 50);
        var results = await scheduler.SolveAsync([FakeExecutor.Step("x", "ok", 1, a1), FakeExecutor.Step("y", "ok", 1, a2)], CancellationToken.None);
        Assert.Single(exec.Ran, n => n == "base");
        Assert.Equal(results[a1], results[a2]);
    }
}

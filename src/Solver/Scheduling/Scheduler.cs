using System.Collections.Concurrent;
using System.Collections.Immutable;
using Drydock.Core;
using Drydock.Solver.Cache;
using Drydock.Solver.Executors;
using Drydock.Solver.Graph;
using Drydock.Solver.Progress;

namespace Drydock.Solver.Scheduling;

/// <summary>
/// Solves the vertices reachable from the targets: each vertex once, as soon as its inputs are solved, with at
/// most <see cref="SolveOptions.MaxParallelism"/> executing at a time. One step = key, look up, run, record.
/// The first failure cancels every other running step and is what <see cref="SolveAsync"/> throws.
/// </summary>
public sealed class Scheduler
{
    private readonly ExecutorSet _executors;
    private readonly ICacheStore _cache;
    private readonly MissExplainer? _explainer;
    private readonly IBuildProgress _progress;
    private readonly SolveOptions _options;
    private readonly Func<string, CancellationToken, ValueTask<bool>> _isCommitted;
    private readonly ConcurrentDictionary<Vertex, Lazy<Task<StepResult>>> _tasks = new(VertexComparer.Instance);
    private readonly ConcurrentDictionary<Vertex, ProgressStep> _steps = new(VertexComparer.Instance);
    private readonly SemaphoreSlim _slots;

    public Scheduler(ExecutorSet executors, ICacheStore cache, MissExplainer? explainer, IBuildProgress progress, SolveOptions options,
        Func<string, CancellationToken, ValueTask<bool>> isCommitted)
    {
        ArgumentNullException.ThrowIfNull(options);
        _executors = executors;
        _cache = cache;
        _explainer = explainer;
        _progress = progress;
        _options = options;
        _isCommitted = isCommitted;
        _slots = new SemaphoreSlim(options.MaxParallelism, options.MaxParallelism);
    }

    public async Task<IReadOnlyDictionary<Vertex, StepResult>> SolveAsync(IReadOnlyList<Vertex> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tasks = targets.Select(t => SolveOneAsync(t, failFast)).ToList();
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch
        {
            await failFast.CancelAsync().ConfigureAwait(false);
            // every step has stopped before we report, so the store is not changing under the caller
            await Task.WhenAll(_tasks.Values.Where(l => l.IsValueCreated).Select(l => l.Value.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw FirstFailure() ?? new OperationCanceledException(cancellationToken);
        }
        return _tasks.Where(p => p.Value.Value.IsCompletedSuccessfully).ToDictionary(p => p.Key, p => p.Value.Value.Result, VertexComparer.Instance);
    }

    /// <summary>The progress line of a vertex (stable for the scheduler's lifetime).</summary>
    public ProgressStep StepOf(Vertex vertex) => _steps.GetOrAdd(vertex, v => new ProgressStep(v.Digest.ToString(), v.Info.Display)
    {
        Inputs = v.Inputs.Select(i => i.Digest.ToString()).ToList(),
    });

    private Exception? FirstFailure()
    {
        var failures = _tasks.Values.Where(l => l.IsValueCreated && l.Value.IsFaulted)
            .Select(l => l.Value.Exception!.GetBaseException())
            .Where(e => e is not OperationCanceledException).ToList();
        return failures.OfType<StepFailedException>().FirstOrDefault() ?? failures.FirstOrDefault();
    }

    private Task<StepResult> SolveOneAsync(Vertex vertex, CancellationTokenSource failFast)
        => _tasks.GetOrAdd(vertex, v => new Lazy<Task<StepResult>>(() => RunGuardedAsync(v, failFast))).Value;

    private async Task<StepResult> RunGuardedAsync(Vertex vertex, CancellationTokenSource failFast)
    {
        try
        {
            return await SolveStepAsync(vertex, failFast).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await failFast.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The op's cache map and each input's part of the key; a failure here (a COPY source missing) is located at the step's line.</summary>
    private static async Task<(CacheMap, List<Digest>)> KeyPartsAsync(Vertex vertex, IOpExecutor executor, StepResult[] inputs, CancellationToken ct)
    {
        try
        {
            CacheMap map = await executor.GetCacheMapAsync(vertex, ct).ConfigureAwait(false);
            var parts = new List<Digest>(inputs.Length);
            for (int i = 0; i < inputs.Length; i++)
            {
                CacheDependency dep = i < map.Dependencies.Length ? map.Dependencies[i] : CacheDependency.ByKey;
                parts.Add(dep.ContentChecksum is { } checksum
                    ? await checksum(inputs[i].Snapshot, ct).ConfigureAwait(false)
                    : CacheKeys.InputPart(inputs[i].Key, dep.Selector));
            }
            return (map, parts);
        }
        catch (Exception e) when (e is not OperationCanceledException and not StepFailedException)
        {
            throw StepFailedException.Located(vertex, e);
        }
    }

    private async Task<StepResult> SolveStepAsync(Vertex vertex, CancellationTokenSource failFast)
    {
        CancellationToken ct = failFast.Token;
        await Task.Yield();
        StepResult[] inputs = await Task.WhenAll(vertex.Inputs.Select(i => SolveOneAsync(i, failFast))).ConfigureAwait(false);
        IOpExecutor executor = _executors.For(vertex.Op);
        var (map, parts) = await KeyPartsAsync(vertex, executor, inputs, ct).ConfigureAwait(false);
        CacheKey key = CacheKeys.Compute(map.OpDigest, _options.Platform, parts, map.Content);
        ProgressStep step = StepOf(vertex);
        bool noCache = _options.NoCache || (vertex.Info.Stage is { } stage && _options.NoCacheStages.Contains(stage));
        if (executor.UsesCache && !noCache && await TryCachedAsync(key, ct).ConfigureAwait(false) is { } cachedName)
        {
            _progress.Cached(step);
            return new StepResult(key, SnapshotRef.Committed(cachedName), Cached: true);
        }
        var facts = new StepFacts(key, System.Text.Encoding.UTF8.GetString(Ops.OpJson.Serialize(vertex.Op)), parts, map.Content);
        // --no-cache neither explains a miss nor takes files from an earlier result: no record to read
        StepRecord? before = executor.UsesCache && !noCache && _explainer is not null ? await _explainer.EarlierAsync(vertex, ct).ConfigureAwait(false) : null;
        string? reason = !executor.UsesCache ? null
            : noCache ? (_options.NoCache ? "--no-cache" : $"--no-cache-filter {vertex.Info.Stage}")
            : _explainer is null ? null
            : MissExplainer.Explain(before, vertex, facts, inputs.Any(i => !i.Cached));
        // what the last build of this COPY made, while the cache still holds it
        EarlierStep? earlier = vertex.Op is Ops.CopyOp ? MissExplainer.SameInstruction(before, facts) : null;
        string? earlierSnapshot = earlier is null ? null : await TryCachedAsync(earlier.Key, ct).ConfigureAwait(false);
        await _slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _progress.Started(step, reason);
            SnapshotRef result;
            try
            {
                result = await executor.ExecuteAsync(vertex, [.. inputs.Select(i => i.Snapshot)], new StepContext(key, step, _progress)
                {
                    Forced = noCache,
                    Earlier = earlier is not null && earlierSnapshot is not null ? new EarlierResult(earlierSnapshot, earlier.Files, map.Content) : null,
                }, ct).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                _progress.Completed(step, e is OperationCanceledException ? new OperationCanceledException("canceled") : e);
                if (e is OperationCanceledException) throw;
                throw StepFailedException.Located(vertex, e);
            }
            if (executor.UsesCache && result.Name is { } name)
            {
                await _cache.PutAsync(key, name, ct).ConfigureAwait(false);
                if (_explainer is not null) await _explainer.RecordAsync(vertex, facts, ct).ConfigureAwait(false);
            }
            _progress.Completed(step, null);
            return new StepResult(key, result, Cached: false);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async ValueTask<string?> TryCachedAsync(CacheKey key, CancellationToken ct)
    {
        string? name = await _cache.TryGetSnapshotAsync(key, ct).ConfigureAwait(false);
        return name is not null && await _isCommitted(name, ct).ConfigureAwait(false) ? name : null;
    }
}

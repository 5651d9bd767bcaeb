using System.Collections.Concurrent;
using System.Collections.Immutable;
using Drydock.Core;
using Drydock.Solver.Cache;
using Drydock.Solver.Executors;
using Drydock.Solver.Graph;
using Drydock.Solver.Ops;

namespace Drydock.Solver.Tests.Scheduling;

/// <summary>Runs ExecOps by sleeping for Args[1] milliseconds (or failing when Args[0] is "fail"), recording what ran.</summary>
internal sealed class FakeExecutor : IOpExecutor
{
    public ConcurrentQueue<string> Ran { get; } = new();

    public ConcurrentDictionary<string, bool> Committed { get; } = new();

    public int Running;
    public int MaxRunning;

    public ValueTask<CacheMap> GetCacheMapAsync(Vertex vertex, CancellationToken cancellationToken)
        => ValueTask.FromResult(new CacheMap(OpJson.DigestOf(vertex.Op), [.. vertex.Inputs.Select(_ => CacheDependency.ByKey)]));

    public async ValueTask<SnapshotRef> ExecuteAsync(Vertex vertex, ImmutableArray<SnapshotRef> inputs, StepContext context, CancellationToken cancellationToken)
    {
        var op = (ExecOp)vertex.Op;
        int now = Interlocked.Increment(ref Running);
        InterlockedMax(ref MaxRunning, now);
        try
        {
            Ran.Enqueue(vertex.Name);
            if (op.Args[0] == "fail")
            {
                await Task.Delay(int.Parse(op.Args[1]), cancellationToken);
                throw new DrydockException(ErrorKind.FailedPrecondition, $"step '{vertex.Name}' failed");
            }
            await Task.Delay(int.Parse(op.Args[1]), cancellationToken);
            context.Log("line one\nline two\n"u8, stderr: false);
            Committed[context.SnapshotName] = true;
            return SnapshotRef.Committed(context.SnapshotName);
        }
        finally
        {
            Interlocked.Decrement(ref Running);
        }
    }

    public ValueTask<bool> IsCommitted(string name, CancellationToken ct) => ValueTask.FromResult(Committed.ContainsKey(name));

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }

    public static Vertex Step(string name, string kind, int ms, params Vertex[] inputs)
        => new(new ExecOp([kind, ms.ToString(), name], [], "/", "", "default", []) { Root = inputs.Length > 0 ? 0 : null }, [.. inputs],
            new VertexInfo(name, "", "test#" + name) { Stage = name.Split(' ')[0] });
}

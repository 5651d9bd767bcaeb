namespace Drydock.Solver.Scheduling;

public sealed record SolveOptions
{
    /// <summary>The platform part of every cache key ("linux/amd64").</summary>
    public required string Platform { get; init; }

    public bool NoCache { get; init; }

    /// <summary>Stages (names or indexes) that run without the cache (--no-cache-filter).</summary>
    public IReadOnlySet<string> NoCacheStages { get; init; } = new HashSet<string>();

    /// <summary>How many steps execute at once. Waiting on inputs does not count.</summary>
    public int MaxParallelism { get; init; } = Math.Max(4, Environment.ProcessorCount * 2);
}

using Drydock.Solver.Cache;

namespace Drydock.Solver.Scheduling;

/// <summary>A solved vertex: its cache key, its snapshot, and whether it came from the cache.</summary>
public sealed record StepResult(CacheKey Key, SnapshotRef Snapshot, bool Cached);

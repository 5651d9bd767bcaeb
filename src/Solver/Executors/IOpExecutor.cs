using System.Collections.Immutable;
using Drydock.Solver.Cache;
using Drydock.Solver.Graph;

namespace Drydock.Solver.Executors;

/// <summary>
/// How one kind of op is keyed and run, in the manner of buildkit's Op interface. The solver computes the
/// cache key from <see cref="GetCacheMapAsync"/> and calls <see cref="ExecuteAsync"/> only on a miss; the
/// executor returns a committed snapshot named <see cref="StepContext.SnapshotName"/> (or the empty root).
/// </summary>
public interface IOpExecutor
{
    ValueTask<CacheMap> GetCacheMapAsync(Vertex vertex, CancellationToken cancellationToken);

    ValueTask<SnapshotRef> ExecuteAsync(Vertex vertex, ImmutableArray<SnapshotRef> inputs, StepContext context, CancellationToken cancellationToken);

    /// <summary>False for sources that are cheap to re-resolve every time (base images): no cache record, no miss reason.</summary>
    bool UsesCache => true;
}

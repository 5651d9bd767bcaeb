using Drydock.Core;

namespace Drydock.Solver.Cache;

/// <summary>The content address of a step's result: see <see cref="CacheKeys.Compute"/> for the formula.</summary>
public readonly record struct CacheKey(Digest Digest)
{
    public override string ToString() => Digest.ToString();
}

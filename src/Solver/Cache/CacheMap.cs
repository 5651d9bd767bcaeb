using System.Collections.Immutable;
using Drydock.Core;

namespace Drydock.Solver.Cache;

/// <summary>
/// How an executor keys a vertex, in the manner of buildkit's CacheMap: the digest of the deliberate projection
/// of its op, one dependency per input, and the checksums of content the op reads from outside the graph
/// (selected build-context files, a downloaded URL).
/// </summary>
public sealed record CacheMap(Digest OpDigest, ImmutableArray<CacheDependency> Dependencies)
{
    public ImmutableArray<ContentChecksum> Content { get; init; } = [];
}

/// <summary>
/// An input's part of the key. With <see cref="ContentChecksum"/> the key covers only the content it returns
/// (so an input rebuilt to the same files keeps the step cached); otherwise it covers the input's own key and the selector.
/// </summary>
public sealed record CacheDependency(Digest? Selector, Func<SnapshotRef, CancellationToken, ValueTask<Digest>>? ContentChecksum)
{
    public static CacheDependency ByKey { get; } = new(null, null);
}

/// <summary>
/// Content a step reads from outside the graph, e.g. "COPY source" with the checksum of exactly the selected
/// files. <see cref="Files"/> (path → a checksum of what lands) lets a cache miss say which file changed.
/// </summary>
public sealed record ContentChecksum(string Subject, Digest Checksum)
{
    public IReadOnlyDictionary<string, string>? Files { get; init; }
}

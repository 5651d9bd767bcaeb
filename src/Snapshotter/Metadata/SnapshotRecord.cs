using System.Collections.Immutable;
using Drydock.Core;

namespace Drydock.Snapshotter.Metadata;

/// <summary>
/// One snapshot as its JSON file records it, in the manner of containerd's metastore: <see cref="Id"/> names
/// the data directory, <see cref="ParentIds"/> is the parent chain top-most first (so mounts need no lookups),
/// and <see cref="Owner"/> is the process an active or view belongs to (null for committed snapshots and for
/// actives that outlive their creator, such as a container's).
/// </summary>
internal sealed record SnapshotRecord
{
    public required string Name { get; init; }

    public string? Parent { get; init; }

    public required SnapshotKind Kind { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Never changed once the record is made (a change makes a new record). A plain dictionary rather than an
    /// immutable one: the immutable collection's node types are generic code that ReadyToRun cannot precompile,
    /// JIT-compiled at every `drydock run`.
    /// </summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = NoLabels;

    public static IReadOnlyDictionary<string, string> NoLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public required long Id { get; init; }

    public ImmutableArray<long> ParentIds { get; init; } = [];

    public ProcessIdentity? Owner { get; init; }

    public SnapshotInfo ToInfo() => new(Name, Parent, Kind, CreatedAt) { Labels = Labels };
}

namespace Drydock.Solver.Cache;

/// <summary>The result of a vertex: a committed snapshot by name, or the empty root (FROM scratch) when null.</summary>
public sealed record SnapshotRef(string? Name)
{
    public static SnapshotRef Empty { get; } = new((string?)null);

    public static SnapshotRef Committed(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new SnapshotRef(name);
    }

    public bool IsEmpty => Name is null;
}

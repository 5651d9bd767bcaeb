namespace Drydock.Solver.Graph;

/// <summary>Vertices are equal when their digests are: two stages FROM the same image share one vertex, as in BuildKit.</summary>
public sealed class VertexComparer : IEqualityComparer<Vertex>
{
    public static VertexComparer Instance { get; } = new();

    public bool Equals(Vertex? x, Vertex? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.Digest == y.Digest);

    public int GetHashCode(Vertex obj) => obj?.Digest.GetHashCode() ?? 0;
}

using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Drydock.Core;
using Drydock.Solver.Ops;

namespace Drydock.Solver.Graph;

/// <summary>
/// A node of the build graph: an op and the vertices whose results it reads. <see cref="Digest"/> identifies
/// the vertex within a graph (op JSON plus the inputs' digests) and deduplicates equal steps; cache keys are
/// computed separately from content (<see cref="Cache.CacheKeys"/>).
/// </summary>
public sealed class Vertex
{
    public Vertex(Op op, ImmutableArray<Vertex> inputs, VertexInfo info)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(info);
        Op = op;
        Inputs = inputs.IsDefault ? [] : inputs;
        Info = info;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(OpJson.Serialize(op));
        foreach (Vertex input in Inputs) hash.AppendData(Encoding.UTF8.GetBytes("\n" + input.Digest));
        Digest = Digest.FromSha256Hash(hash.GetHashAndReset());
    }

    public Op Op { get; }

    public ImmutableArray<Vertex> Inputs { get; }

    public Digest Digest { get; }

    public VertexInfo Info { get; }

    public string Name => Info.Name;

    public override string ToString() => $"{Info.Display} {Digest.Short}";
}

/// <summary>
/// What a vertex shows a user and what never enters its key: the instruction text, "[stage 2/5]", the Dockerfile
/// line, and a stable step identity (<see cref="StepId"/>, e.g. "Dockerfile#build/2") used to explain cache misses.
/// </summary>
public sealed record VertexInfo(string Name, string Prefix, string StepId)
{
    public string? File { get; init; }

    public int Line { get; init; }

    /// <summary>The stage the step belongs to (its name or index), for --no-cache-filter.</summary>
    public string? Stage { get; init; }

    /// <summary>Names of the build args the step sees (their values are in the op), to say "build arg N changed".</summary>
    public IReadOnlyList<string> BuildArgs { get; init; } = [];

    public string Display => Prefix.Length == 0 ? Name : $"[{Prefix}] {Name}";
}

using Drydock.Core.Images;
using Drydock.Core.Oci;

namespace Drydock.Solver.Build;

/// <summary>The solved target stage, ready for the exporter: base image, one entry per instruction with snapshot names, config.</summary>
public sealed record SolvedImage(ResolvedImage? Base, IReadOnlyList<SolvedStep> Steps, ContainerConfig Config, Platform Platform)
{
    /// <summary>The snapshot of the whole stage (null: empty), e.g. for --output type=local.</summary>
    public string? Snapshot { get; init; }

    public string? Author { get; init; }
}

public sealed record SolvedStep(string CreatedBy, string? Parent, string? Snapshot);

using Drydock.Core.Images;
using Drydock.Core.Oci;
using Drydock.Solver.Graph;

namespace Drydock.Solver.Build;

/// <summary>
/// A lowered Dockerfile: the graph of the target stage (and only what it needs), plus for the target the base
/// image, one <see cref="PlannedStep"/> per instruction after FROM and the final runtime config.
/// </summary>
public sealed record BuildPlan(PlannedStage Target, IReadOnlyList<PlannedStage> Stages)
{
    public IReadOnlyList<Vertex> Targets => Target.Head is { } head ? [head] : [];

    /// <summary>Lint warnings about the Dockerfile ("FromAsCasing: ... (Dockerfile:1)"), shown with the build's progress.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>One stage as lowered: <see cref="Head"/> is the vertex whose snapshot is the stage's filesystem (null: empty).</summary>
public sealed record PlannedStage(int Index, string? Name, ResolvedImage? Base, Vertex? Head, IReadOnlyList<PlannedStep> Steps, ContainerConfig Config)
{
    public string DisplayName => Name ?? $"stage-{Index}";

    public string? Author { get; init; }
}

/// <summary>
/// A history entry to be. A step with <see cref="Layer"/> adds the difference between <see cref="LayerParent"/>'s
/// snapshot (null: empty) and <see cref="Layer"/>'s; metadata steps have neither.
/// </summary>
public sealed record PlannedStep(string CreatedBy, Vertex? LayerParent, Vertex? Layer);

using Drydock.Solver.Cache;
using Drydock.Solver.Graph;
using Drydock.Solver.Scheduling;

namespace Drydock.Solver.Build;

/// <summary>Solves a <see cref="BuildPlan"/> with a <see cref="Scheduler"/> and maps the target stage to snapshot names.</summary>
public static class PlanSolver
{
    public static async Task<SolvedImage> SolveAsync(BuildPlan plan, Scheduler scheduler, BuildRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyDictionary<Vertex, StepResult> results = await scheduler.SolveAsync(plan.Targets, cancellationToken).ConfigureAwait(false);
        string? NameOf(Vertex? v) => v is null ? null : results[v].Snapshot.Name;
        var steps = plan.Target.Steps.Select(s => new SolvedStep(s.CreatedBy, NameOf(s.LayerParent), NameOf(s.Layer))).ToList();
        return new SolvedImage(plan.Target.Base, steps, plan.Target.Config, request.Platform) { Snapshot = NameOf(plan.Target.Head), Author = plan.Target.Author };
    }
}

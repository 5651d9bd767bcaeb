namespace Drydock.Solver.Ops;

/// <summary>WORKDIR: creates a directory (and its parents) on the root input when missing, owned as the step's USER.</summary>
public sealed record MkdirOp(string Path, string User) : Op
{
    public int? Root { get; init; }
}

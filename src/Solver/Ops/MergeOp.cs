namespace Drydock.Solver.Ops;

/// <summary>
/// COPY --link: the files made on an empty root (input <see cref="Layer"/>) stacked on input <see cref="Root"/>
/// without copying them again, so the layer does not depend on what is below it.
/// </summary>
public sealed record MergeOp(int Layer) : Op
{
    public int? Root { get; init; }
}

namespace Drydock.Solver.Ops;

/// <summary>
/// One operation of a build graph, as pure data. Its canonical JSON (<see cref="OpJson"/>) is what a cache key
/// covers, so fields that must not bust the cache (display names, source lines) live on the <see cref="Graph.Vertex"/>,
/// never here. Inputs are the vertex's inputs; ops refer to them by index.
/// </summary>
public abstract record Op;

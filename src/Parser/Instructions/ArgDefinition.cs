namespace Drydock.Parser.Instructions;

/// <summary>One declared build argument; <see cref="Value"/> is null when no default is given.</summary>
public sealed record ArgDefinition(string Key, string? Value);

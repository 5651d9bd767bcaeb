namespace Drydock.Parser;

/// <summary>A parser directive from the top of the file: <c># syntax=</c>, <c># escape=</c>, <c># check=</c>.</summary>
public sealed record ParserDirective(string Name, string Value, int Line);

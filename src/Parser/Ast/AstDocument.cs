namespace Drydock.Parser.Ast;

/// <summary>The untyped parse of a Dockerfile: its instructions, directives and escape character.</summary>
internal sealed record AstDocument(
    string FileName,
    IReadOnlyList<AstNode> Nodes,
    IReadOnlyList<ParserDirective> Directives,
    char EscapeToken,
    IReadOnlyList<int> EmptyContinuationLines)
{
    /// <summary>Parses <paramref name="text"/>; invalid input throws a located <see cref="DockerfileException"/>.</summary>
    public static AstDocument Parse(string text, string fileName = "Dockerfile")
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new LogicalLineParser(fileName);
        List<AstNode> nodes = parser.Parse(text);
        return new AstDocument(fileName, nodes, parser.Directives, parser.EscapeToken, parser.EmptyContinuationLines);
    }

    /// <summary>Parses file bytes, keeping bytes that are not valid UTF-8 (they print as <c>\xHH</c>).</summary>
    public static AstDocument Parse(ReadOnlySpan<byte> bytes, string fileName = "Dockerfile") => Parse(Utf8Text.Decode(bytes), fileName);

    /// <summary>BuildKit's AST dump, one line per instruction, ending with a newline.</summary>
    public string Dump() => AstDump.Dump(Nodes);
}

namespace Drydock.Parser;

/// <summary>
/// Where something sits in a Dockerfile: 1-based lines, 1-based columns (0 when only the line is known).
/// <see cref="ToString"/> gives the prefix errors start with: <c>Dockerfile:7:1</c> or <c>Dockerfile:3</c>.
/// </summary>
public readonly record struct SourceRange(string File, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    /// <summary>A range covering whole lines.</summary>
    public static SourceRange Lines(string file, int startLine, int endLine) => new(file, startLine, 0, endLine, 0);

    /// <summary>A single position on one line.</summary>
    public static SourceRange At(string file, int line, int column) => new(file, line, column, line, column);

    public override string ToString() => StartColumn > 0 ? $"{File}:{StartLine}:{StartColumn}" : $"{File}:{StartLine}";
}

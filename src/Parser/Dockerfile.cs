using Drydock.Parser.Instructions;

namespace Drydock.Parser;

/// <summary>
/// A parsed Dockerfile: parser directives, the escape character, the global ARGs declared before the first
/// FROM (visible to FROM lines only, unless redeclared in a stage) and the stages in file order.
/// Build it with <see cref="DockerfileParser.Parse"/>.
/// </summary>
public sealed record Dockerfile(
    string FileName,
    IReadOnlyList<ParserDirective> Directives,
    char EscapeToken,
    IReadOnlyList<ArgInstruction> GlobalArgs,
    IReadOnlyList<Stage> Stages)
{
    /// <summary>The <c># syntax=</c> value, or null.</summary>
    public string? Syntax => Directive("syntax");

    /// <summary>The <c># check=</c> value, or null.</summary>
    public string? Check => Directive("check");

    /// <summary>Line numbers of whitespace-only lines inside continuations (for the NoEmptyContinuation check).</summary>
    public IReadOnlyList<int> EmptyContinuationLines { get; init; } = [];

    /// <summary>The stage named <paramref name="nameOrIndex"/> (case-insensitive) or with that index, or null.</summary>
    public Stage? FindStage(string nameOrIndex)
    {
        string lower = nameOrIndex.ToLowerInvariant();
        foreach (Stage stage in Stages)
        {
            if (stage.Name == lower) return stage;
        }
        return int.TryParse(nameOrIndex, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)
            && index >= 0 && index < Stages.Count ? Stages[index] : null;
    }

    private string? Directive(string name)
    {
        foreach (ParserDirective d in Directives)
        {
            if (d.Name == name) return d.Value;
        }
        return null;
    }
}

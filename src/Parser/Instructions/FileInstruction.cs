namespace Drydock.Parser.Instructions;

/// <summary>What COPY and ADD share: sources (paths and heredoc contents), destination and file flags.</summary>
public abstract record FileInstruction : Instruction
{
    /// <summary>Source paths, patterns or URLs as written (heredoc sources are in <see cref="SourceContents"/>).</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    public IReadOnlyList<SourceContent> SourceContents { get; init; } = [];

    public required string Destination { get; init; }

    public string? Chown { get; init; }

    public string? Chmod { get; init; }

    public bool Link { get; init; }

    public IReadOnlyList<string> Excludes { get; init; } = [];

    /// <summary>The sources and destination came from a JSON array.</summary>
    public bool IsJson { get; init; }
}

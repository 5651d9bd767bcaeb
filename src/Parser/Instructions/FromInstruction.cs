namespace Drydock.Parser.Instructions;

/// <summary><c>FROM [--platform=P] BASE [AS name]</c>. <see cref="StageName"/> is lower-cased, as BuildKit does.</summary>
public sealed record FromInstruction : Instruction
{
    public required string BaseName { get; init; }

    public string? StageName { get; init; }

    /// <summary>The name as written after AS (for the casing checks).</summary>
    public string? StageNameAsWritten { get; init; }

    /// <summary>The AS keyword as written ("AS", "as"), or null.</summary>
    public string? AsKeyword { get; init; }

    public string? Platform { get; init; }

    public override string Keyword => "FROM";
}

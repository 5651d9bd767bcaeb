namespace Drydock.Parser.Instructions;

/// <summary><c>WORKDIR path</c> (relative to the previous WORKDIR).</summary>
public sealed record WorkdirInstruction : Instruction
{
    public required string Path { get; init; }

    public override string Keyword => "WORKDIR";
}

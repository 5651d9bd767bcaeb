namespace Drydock.Parser.Instructions;

/// <summary><c>STOPSIGNAL signal</c> (name or number).</summary>
public sealed record StopSignalInstruction : Instruction
{
    public required string Signal { get; init; }

    public override string Keyword => "STOPSIGNAL";
}

namespace Drydock.Parser.Instructions;

/// <summary><c>USER user[:group]</c>.</summary>
public sealed record UserInstruction : Instruction
{
    public required string User { get; init; }

    public override string Keyword => "USER";
}

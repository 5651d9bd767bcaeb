namespace Drydock.Parser.Instructions;

/// <summary><c>MAINTAINER name</c> (deprecated: use a label).</summary>
public sealed record MaintainerInstruction : Instruction
{
    public required string Maintainer { get; init; }

    public override string Keyword => "MAINTAINER";
}

namespace Drydock.Parser.Instructions;

/// <summary><c>CMD ["exec","form"]</c> or <c>CMD shell form</c>.</summary>
public sealed record CmdInstruction : CommandLineInstruction
{
    public override string Keyword => "CMD";
}

namespace Drydock.Parser.Instructions;

/// <summary><c>EXPOSE port[/proto] ...</c>.</summary>
public sealed record ExposeInstruction : Instruction
{
    public required IReadOnlyList<string> Ports { get; init; }

    public override string Keyword => "EXPOSE";
}

namespace Drydock.Parser.Instructions;

/// <summary><c>LABEL k=v ...</c>.</summary>
public sealed record LabelInstruction : KeyValueInstruction
{
    public override string Keyword => "LABEL";
}

namespace Drydock.Parser.Instructions;

/// <summary><c>ENV k=v ...</c> (or legacy <c>ENV k v</c>).</summary>
public sealed record EnvInstruction : KeyValueInstruction
{
    public override string Keyword => "ENV";
}

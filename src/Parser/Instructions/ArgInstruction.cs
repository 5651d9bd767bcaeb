namespace Drydock.Parser.Instructions;

/// <summary><c>ARG name[=default] ...</c>.</summary>
public sealed record ArgInstruction : Instruction
{
    public required IReadOnlyList<ArgDefinition> Args { get; init; }

    public override string Keyword => "ARG";
}

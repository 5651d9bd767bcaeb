namespace Drydock.Parser.Instructions;

/// <summary>ENV and LABEL: pairs in file order; <see cref="LegacyForm"/> marks <c>ENV key value</c>.</summary>
public abstract record KeyValueInstruction : Instruction
{
    public required IReadOnlyList<KeyValuePair<string, string>> Pairs { get; init; }

    public bool LegacyForm { get; init; }
}

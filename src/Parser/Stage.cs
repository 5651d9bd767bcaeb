using Drydock.Parser.Instructions;

namespace Drydock.Parser;

/// <summary>
/// One build stage: its FROM and the instructions after it. <see cref="Name"/> is the lower-cased AS name (null
/// when unnamed); <see cref="BaseName"/> and <see cref="Platform"/> are as written (expand them with
/// <see cref="Expansion.VariableScope"/> before use). <see cref="Range"/> runs from FROM to the stage's last line.
/// </summary>
public sealed record Stage(
    int Index,
    string? Name,
    string BaseName,
    string? Platform,
    FromInstruction From,
    IReadOnlyList<Instruction> Instructions,
    SourceRange Range)
{
    /// <summary>The name other stages refer to it by: its AS name, else its index.</summary>
    public string Reference => Name ?? Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

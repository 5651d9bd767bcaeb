namespace Drydock.Parser.Instructions;

/// <summary>
/// An instruction holding a command: shell form (<see cref="PrependShell"/> true, one element, run with the
/// stage's SHELL) or exec form (a JSON array, run as is).
/// </summary>
public abstract record CommandLineInstruction : Instruction
{
    public required IReadOnlyList<string> CommandLine { get; init; }

    public required bool PrependShell { get; init; }
}

namespace Drydock.Parser.Instructions;

/// <summary><c>SHELL ["executable", "parameters"]</c>: the shell used by shell-form instructions.</summary>
public sealed record ShellInstruction : Instruction
{
    public required IReadOnlyList<string> Shell { get; init; }

    public override string Keyword => "SHELL";
}

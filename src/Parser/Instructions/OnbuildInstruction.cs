namespace Drydock.Parser.Instructions;

/// <summary>
/// <c>ONBUILD INSTRUCTION</c>: <see cref="Expression"/> is the trigger as stored in the image config (with any
/// heredoc bodies appended), <see cref="Trigger"/> the same instruction parsed and validated.
/// </summary>
public sealed record OnbuildInstruction : Instruction
{
    public required string Expression { get; init; }

    public required Instruction Trigger { get; init; }

    public override string Keyword => "ONBUILD";
}

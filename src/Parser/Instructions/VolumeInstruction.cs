namespace Drydock.Parser.Instructions;

/// <summary><c>VOLUME ["/a"]</c> or <c>VOLUME /a /b</c>.</summary>
public sealed record VolumeInstruction : Instruction
{
    public required IReadOnlyList<string> Volumes { get; init; }

    public override string Keyword => "VOLUME";
}

namespace Drydock.Parser.Instructions;

/// <summary>An instruction-level error; the parser adds the location and turns it into a <see cref="DockerfileException"/>.</summary>
internal sealed class InstructionParseException(string message, string code = DockerfileErrorCodes.Arguments) : Exception(message)
{
    public string Code { get; } = code;
}

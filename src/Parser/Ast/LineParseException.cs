namespace Drydock.Parser.Ast;

/// <summary>An argument-shaping error; <see cref="LogicalLineParser"/> turns it into a located <see cref="DockerfileException"/>.</summary>
internal sealed class LineParseException(string message, string code = DockerfileErrorCodes.Arguments) : Exception(message)
{
    public string Code { get; } = code;
}

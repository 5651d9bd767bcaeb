using Drydock.Core;

namespace Drydock.Parser;

/// <summary>
/// A Dockerfile the parser rejects. The message is located, in the manner of BuildKit's errors:
/// <c>Dockerfile:7:1: unknown instruction: RUNN (did you mean RUN?)</c>. <see cref="Code"/> is a stable
/// identifier (<see cref="DockerfileErrorCodes"/>) and <see cref="Detail"/> the message without location.
/// </summary>
public sealed class DockerfileException : DrydockException
{
    public DockerfileException(SourceRange range, string code, string message, Exception? innerException = null)
        : base(ErrorKind.InvalidArgument, $"{range}: {message}", innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Range = range;
        Code = code;
        Detail = message;
    }

    public SourceRange Range { get; }

    public string Code { get; }

    /// <summary>The message without the file and line prefix.</summary>
    public string Detail { get; }

    /// <summary>An invalid Dockerfile is a failed command (1), not a command-line usage error (2).</summary>
    public override int ExitCode => 1;
}

using Drydock.Core;

namespace Drydock.Containers;

/// <summary>
/// A `drydock run` failure with docker's exit code: 125 when Drydock itself failed, 126 when the command
/// cannot be executed, 127 when it was not found.
/// </summary>
public sealed class ContainerExitException(ErrorKind kind, string message, int exitCode, Exception? innerException = null)
    : DrydockException(kind, message, innerException)
{
    public const int DrydockFailed = 125;
    public const int CannotExecute = 126;
    public const int NotFound = 127;

    public override int ExitCode { get; } = exitCode;
}

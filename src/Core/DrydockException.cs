namespace Drydock.Core;

/// <summary>
/// The base of every error a user may see. The CLI prints the message chain joined with ": " as one line
/// (a stack trace only with --debug), so messages read "what failed 'subject': why".
/// </summary>
public class DrydockException : Exception
{
    public DrydockException(ErrorKind kind, string message, Exception? innerException = null) : base(message, innerException) => Kind = kind;

    public ErrorKind Kind { get; }

    /// <summary>The exit code the CLI uses for this error: 2 for usage errors, 1 otherwise.</summary>
    public virtual int ExitCode => Kind == ErrorKind.InvalidArgument ? 2 : 1;
}

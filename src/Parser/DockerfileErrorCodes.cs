namespace Drydock.Parser;

/// <summary>Stable codes carried by <see cref="DockerfileException.Code"/>, one per family of error.</summary>
public static class DockerfileErrorCodes
{
    /// <summary>The file cannot be read as a Dockerfile: no instructions, over-long line.</summary>
    public const string Syntax = "DRY1001";
    public const string UnknownInstruction = "DRY1002";
    /// <summary>Wrong number or shape of arguments.</summary>
    public const string Arguments = "DRY1003";
    /// <summary>Unknown flag, missing or invalid flag value.</summary>
    public const string Flag = "DRY1004";
    public const string Heredoc = "DRY1005";
    /// <summary>Repeated or invalid parser directive.</summary>
    public const string Directive = "DRY1006";
    /// <summary>A JSON array holding something other than strings.</summary>
    public const string Json = "DRY1007";
    public const string Onbuild = "DRY1008";
    /// <summary>Instruction before the first FROM, bad stage name.</summary>
    public const string Stage = "DRY1009";
    /// <summary>Variable expansion failed (<c>${v:?msg}</c>, bad syntax).</summary>
    public const string Expansion = "DRY1010";
    /// <summary>A build check configured with <c>error=true</c> failed.</summary>
    public const string Check = "DRY1011";
}

namespace Drydock.Parser.Instructions;

/// <summary><c>ADD [--chown] [--chmod] [--link] [--exclude]... [--keep-git-dir] [--checksum] [--unpack] SRC... DEST</c>.</summary>
public sealed record AddInstruction : FileInstruction
{
    /// <summary>Null when not given (BuildKit's default applies).</summary>
    public bool? KeepGitDir { get; init; }

    public string? Checksum { get; init; }

    /// <summary>Null when not given: local archives are unpacked, URLs are not.</summary>
    public bool? Unpack { get; init; }

    public override string Keyword => "ADD";
}

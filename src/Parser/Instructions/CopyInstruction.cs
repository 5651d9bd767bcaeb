namespace Drydock.Parser.Instructions;

/// <summary><c>COPY [--from] [--chown] [--chmod] [--link] [--exclude]... [--parents] SRC... DEST</c>.</summary>
public sealed record CopyInstruction : FileInstruction
{
    public string? From { get; init; }

    public bool Parents { get; init; }

    public override string Keyword => "COPY";
}

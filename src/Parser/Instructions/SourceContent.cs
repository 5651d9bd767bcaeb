namespace Drydock.Parser.Instructions;

/// <summary>A heredoc used as a COPY/ADD source: <c>COPY &lt;&lt;EOF /dest</c>.</summary>
public sealed record SourceContent(string Path, string Data, bool Expand);

namespace Drydock.Parser;

/// <summary>
/// A here-document attached to RUN, COPY or ADD: <c>RUN &lt;&lt;EOF</c> ... <c>EOF</c>.
/// <see cref="Name"/> is the terminator with quotes removed; <see cref="Expand"/> is false when any part of
/// it was quoted (<c>&lt;&lt;'EOF'</c>); <see cref="Chomp"/> is set by <c>&lt;&lt;-</c> (leading tabs are stripped);
/// <see cref="Content"/> is the body as written, line endings included, without the terminator line.
/// </summary>
public sealed record Heredoc(string Name, int FileDescriptor, bool Expand, bool Chomp, string Content)
{
    /// <summary>The body as the build uses it: with <c>&lt;&lt;-</c>, leading tabs removed from every line.</summary>
    public string Body => Chomp ? ChompContent(Content) : Content;

    private static string ChompContent(string content)
    {
        var sb = new System.Text.StringBuilder(content.Length);
        bool lineStart = true;
        foreach (char c in content)
        {
            if (lineStart && c == '\t') continue;
            lineStart = c == '\n';
            sb.Append(c);
        }
        return sb.ToString();
    }
}

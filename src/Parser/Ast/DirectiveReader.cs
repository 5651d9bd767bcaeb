namespace Drydock.Parser.Ast;

/// <summary>
/// Parser directives (<c># syntax=</c>, <c># escape=</c>, <c># check=</c>): recognised only while every line so far
/// was one; any other line ends the section. A repeated directive, or an escape other than <c>\</c> or
/// <c>`</c>, is an error.
/// </summary>
internal sealed class DirectiveReader
{
    private readonly List<ParserDirective> _directives = [];
    private bool _done;

    public char EscapeToken { get; private set; } = '\\';

    public IReadOnlyList<ParserDirective> Directives => _directives;

    /// <summary>The directive section has ended: later lines need not be looked at.</summary>
    public bool Done => _done;

    /// <summary>Looks at one physical line (newline removed, left-trimmed).</summary>
    public void Observe(string line, SourceRange range)
    {
        if (_done) return;
        if (!TryMatch(line, out string name, out string value))
        {
            _done = true;
            return;
        }
        name = name.ToLowerInvariant();
        if (name is not ("syntax" or "escape" or "check"))
        {
            _done = true;
            return;
        }
        if (_directives.Any(d => d.Name == name))
            throw new DockerfileException(range, DockerfileErrorCodes.Directive, $"only one {name} parser directive can be used");
        if (name == "escape")
        {
            if (value is not ("`" or "\\"))
                throw new DockerfileException(range, DockerfileErrorCodes.Directive, $"invalid escape token '{value}' does not match ` or \\");
            EscapeToken = value[0];
        }
        _directives.Add(new ParserDirective(name, value, range.StartLine));
    }

    /// <summary><c>^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$</c> with RE2's \s = [\t\n\f\r ].</summary>
    internal static bool TryMatch(string line, out string name, out string value)
    {
        name = value = "";
        if (line.Length == 0 || line[0] != '#') return false;
        int i = 1;
        while (i < line.Length && IsRe2Space(line[i])) i++;
        int nameStart = i;
        if (i >= line.Length || !char.IsAsciiLetter(line[i])) return false;
        while (i < line.Length && char.IsAsciiLetterOrDigit(line[i])) i++;
        name = line[nameStart..i];
        while (i < line.Length && IsRe2Space(line[i])) i++;
        if (i >= line.Length || line[i] != '=') return false;
        i++;
        int afterEquals = i;
        while (i < line.Length && IsRe2Space(line[i])) i++;
        int end = line.Length;
        while (end > i && IsRe2Space(line[end - 1])) end--;
        if (end > i)
        {
            value = line[i..end];
            return true;
        }
        // Only whitespace after '=': the lazy value takes its last character.
        if (line.Length > afterEquals)
        {
            value = line[^1..];
            return true;
        }
        return false;
    }

    private static bool IsRe2Space(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';
}

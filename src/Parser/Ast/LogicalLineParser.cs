namespace Drydock.Parser.Ast;

/// <summary>
/// From file text to instructions, as BuildKit's parser does it (testdata README, 1.7-1.9): parser directives at
/// the top, comments, continuations with the escape character, heredoc bodies, then one <see cref="AstNode"/>
/// per instruction with its line range.
/// </summary>
internal sealed class LogicalLineParser
{
    /// <summary>bufio.Scanner's limit: a line of 64 KiB including its newline.</summary>
    private const int MaxLineBytes = 65535;

    private readonly string _file;
    private readonly DirectiveReader _directives = new();
    // The text and where each physical line starts: lines are read as spans of it, and only the pieces an
    // instruction keeps become strings (a 10,000-line file used to cost 10,000 line strings first).
    private string _text = "";
    private int[] _lineStarts = [];
    private int _lineCount;
    private int _next; // index of the next physical line to read
    private int _currentLine; // 1-based number of the last line read
    private bool _endsWithNewline; // whether the last physical line had a newline (kept in heredoc bodies)
    private readonly System.Text.StringBuilder _joined = new(); // a logical line being joined from continuations

    public LogicalLineParser(string fileName) => _file = fileName;

    public char EscapeToken => _directives.EscapeToken;

    public IReadOnlyList<ParserDirective> Directives => _directives.Directives;

    /// <summary>Line numbers holding nothing but whitespace inside a continuation (a lint warning, not an error).</summary>
    public List<int> EmptyContinuationLines { get; } = [];

    public List<AstNode> Parse(string text)
    {
        SplitLines(text);
        _endsWithNewline = text.Length > 0 && text[^1] == '\n';
        var nodes = new List<AstNode>();
        var comments = new List<string>();
        while (_next < _lineCount)
        {
            ReadOnlySpan<char> raw = ReadLine();
            if (_currentLine == 1 && raw.Length > 0 && raw[0] == '\uFEFF') raw = raw[1..];
            ReadOnlySpan<char> token = TrimLeftSpace(TrimNewline(raw));
            bool comment = token.StartsWith('#');
            if (comment) comments.Add(TrimSpace(token[1..]).ToString());
            if (!_directives.Done) _directives.Observe(token.ToString(), Located(_currentLine, _currentLine));
            if (comment) token = "";
            int startLine = _currentLine;
            int column = 1;
            while (column <= raw.Length && Utf8Text.IsSpace(raw[column - 1])) column++;
            bool endOfLine = TrimContinuation(ref token);
            if (endOfLine && token.Length == 0)
            {
                if (!comment) comments.Clear();
                continue;
            }
            string line;
            if (endOfLine)
            {
                line = token.ToString();
            }
            else
            {
                _joined.Clear().Append(token);
                bool hadEmpty = false;
                while (!endOfLine && _next < _lineCount)
                {
                    ReadOnlySpan<char> cont = TrimNewline(ReadLine());
                    int firstNonSpace = 0;
                    while (firstNonSpace < cont.Length && Utf8Text.IsSpace(cont[firstNonSpace])) firstNonSpace++;
                    if (firstNonSpace < cont.Length && cont[firstNonSpace] == '#') continue;
                    if (firstNonSpace == cont.Length)
                    {
                        if (!hadEmpty) EmptyContinuationLines.Add(_currentLine);
                        hadEmpty = true;
                        continue;
                    }
                    endOfLine = TrimContinuation(ref cont);
                    _joined.Append(cont);
                }
                line = _joined.ToString();
            }

            AstNode node;
            try
            {
                node = NodeFromLine(line);
                if (node.CanContainHeredoc && line.Contains("<<", StringComparison.Ordinal)) ReadHeredocs(node, line, startLine);
            }
            catch (LineParseException e)
            {
                throw new DockerfileException(Located(startLine, _currentLine), e.Code, e.Message);
            }
            node.StartLine = startLine;
            node.EndLine = _currentLine;
            node.Column = column;
            if (comments.Count > 0) node.PrevComments = comments.ToArray();
            comments.Clear();
            nodes.Add(node);
        }
        if (nodes.Count == 0)
            throw new DockerfileException(Located(Math.Max(_currentLine, 1), Math.Max(_currentLine, 1)), DockerfileErrorCodes.Syntax, "file with no instructions");
        return nodes;
    }

    private SourceRange Located(int start, int end) => SourceRange.Lines(_file, start, end);

    private ReadOnlySpan<char> ReadLine() => LineAt(_next++, advance: true);

    /// <summary>Physical line <paramref name="index"/> (0-based) without its '\n'.</summary>
    private ReadOnlySpan<char> LineAt(int index, bool advance = false)
    {
        int start = _lineStarts[index];
        int end = index + 1 < _lineCount ? _lineStarts[index + 1] - 1 : _endsWithNewline ? _text.Length - 1 : _text.Length;
        ReadOnlySpan<char> line = _text.AsSpan(start, end - start);
        if (!advance) return line;
        _currentLine++;
        if (line.Length > MaxLineBytes / 4 && Utf8Text.ByteCount(line) > MaxLineBytes)
            throw new DockerfileException(Located(_currentLine, _currentLine), DockerfileErrorCodes.Syntax, $"dockerfile line greater than max allowed size of {MaxLineBytes}");
        return line;
    }

    /// <summary>Line starts as <c>text.Split('\n')</c> would cut, a final newline ending the last line rather than starting an empty one.</summary>
    private void SplitLines(string text)
    {
        _text = text;
        _lineCount = 0;
        if (text.Length == 0) return;
        int count = 1;
        int pos = 0;
        while ((pos = text.IndexOf('\n', pos)) >= 0)
        {
            pos++;
            if (pos < text.Length) count++;
        }
        _lineStarts = new int[count];
        pos = 0;
        for (int i = 0; i < count; i++)
        {
            _lineStarts[i] = pos;
            pos = text.IndexOf('\n', pos) + 1;
        }
        _lineCount = count;
    }

    private static ReadOnlySpan<char> TrimNewline(ReadOnlySpan<char> s) => s.TrimEnd("\r\n");

    private static ReadOnlySpan<char> TrimLeftSpace(ReadOnlySpan<char> s)
    {
        int start = 0;
        while (start < s.Length && Utf8Text.IsSpace(s[start])) start++;
        return s[start..];
    }

    private static ReadOnlySpan<char> TrimSpace(ReadOnlySpan<char> s)
    {
        s = TrimLeftSpace(s);
        int end = s.Length;
        while (end > 0 && Utf8Text.IsSpace(s[end - 1])) end--;
        return s[..end];
    }

    /// <summary>
    /// A line continues when it ends with the escape character (then optional spaces/tabs) that is not itself
    /// preceded by the escape character, or when the escape character is all there is. Returns whether the
    /// logical line ends here; <paramref name="line"/> loses the escape when it does not.
    /// </summary>
    private bool TrimContinuation(ref ReadOnlySpan<char> line)
    {
        char escape = EscapeToken;
        int end = line.Length;
        while (end > 0 && line[end - 1] is ' ' or '\t') end--;
        if (end == 0 || line[end - 1] != escape) return true;
        if (end == 1)
        {
            line = "";
            return false;
        }
        if (line[end - 2] == escape) return true;
        line = line[..(end - 1)];
        return false;
    }

    /// <summary>Keyword, flags and rest of one logical line, shaped by the instruction's line parser.</summary>
    public AstNode NodeFromLine(string line)
    {
        string trimmed = Utf8Text.TrimSpace(line);
        int cut = 0;
        while (cut < trimmed.Length && trimmed[cut] is not (' ' or '\t' or '\v' or '\f' or '\r')) cut++;
        string keyword = KeywordText(trimmed.AsSpan(0, cut));
        string rest = "";
        IReadOnlyList<string> flags = [];
        if (cut < trimmed.Length)
        {
            int argStart = cut;
            while (argStart < trimmed.Length && trimmed[argStart] is ' ' or '\t' or '\v' or '\f' or '\r') argStart++;
            (rest, flags) = FlagExtractor.Extract(trimmed[argStart..], EscapeToken);
            rest = Utf8Text.TrimSpace(rest);
        }
        string lower = LowerKeyword(keyword);
        LineParsers.Parsed parsed = LineParsers.Parse(lower, rest, this);
        return new AstNode
        {
            Keyword = keyword,
            LowerKeyword = lower,
            Flags = flags,
            Args = parsed.Args,
            IsJson = parsed.IsJson,
            Child = parsed.Child,
            Original = line,
        };
    }

    private static readonly string[] s_lowerKeywords =
        ["add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from", "healthcheck", "label", "maintainer",
         "onbuild", "run", "shell", "stopsignal", "user", "volume", "workdir"];

    /// <summary>The keyword as written; the usual upper-case spellings come from a table and allocate nothing.</summary>
    private static string KeywordText(ReadOnlySpan<char> keyword)
    {
        foreach (string known in Instructions.InstructionParser.KnownKeywords)
        {
            if (keyword.SequenceEqual(known)) return known;
        }
        return keyword.ToString();
    }

    /// <summary>The keyword lower-cased; known keywords come from a table, so the common case allocates nothing.</summary>
    private static string LowerKeyword(string keyword)
    {
        // Only ASCII spellings may match: "ſhell" lower-cases to itself in Go and is no SHELL.
        if (System.Text.Ascii.IsValid(keyword))
        {
            foreach (string known in s_lowerKeywords)
            {
                if (keyword.Equals(known, StringComparison.OrdinalIgnoreCase)) return known;
            }
        }
        return Utf8Text.ToLower(keyword);
    }

    private void ReadHeredocs(AstNode node, string line, int startLine)
    {
        foreach (Heredoc heredoc in HeredocDetector.FromLine(line))
        {
            var content = new System.Text.StringBuilder();
            bool terminated = false;
            while (_next < _lineCount)
            {
                bool lastLine = _next == _lineCount - 1;
                ReadOnlySpan<char> raw = ReadLine();
                ReadOnlySpan<char> candidate = TrimNewline(raw);
                if (heredoc.Chomp) candidate = candidate.TrimStart('\t');
                if (candidate.SequenceEqual(heredoc.Name))
                {
                    terminated = true;
                    break;
                }
                content.Append(raw);
                if (!lastLine || _endsWithNewline) content.Append('\n');
            }
            if (!terminated)
            {
                int column = LineAt(startLine - 1).IndexOf("<<" + (heredoc.Chomp ? "-" : ""), StringComparison.Ordinal) + 1;
                throw new DockerfileException(new SourceRange(_file, startLine, column, _currentLine, 0), DockerfileErrorCodes.Heredoc,
                    $"unterminated heredoc <<{heredoc.Name} started here");
            }
            node.AddHeredoc(heredoc with { Content = content.ToString() });
        }
    }
}

using System.Buffers;
using System.Text;

namespace Drydock.Parser.Ignore;

/// <summary>
/// One cleaned pattern of a <see cref="PatternMatcher"/>, compiled the way moby/patternmatcher compiles it: plain
/// text is an exact match, <c>dir/**</c> a prefix match, <c>**/name</c> a suffix match, anything else a regular
/// expression (<c>*</c> → <c>[^/]*</c>, <c>?</c> → <c>[^/]</c>, <c>**/</c> → <c>(.*/)?</c>, a trailing <c>**</c> →
/// <c>.*</c>, <c>[...]</c> kept as a class) anchored at both ends, which <see cref="RegexMatch"/> evaluates.
/// </summary>
internal sealed class IgnorePattern
{
    private enum Kind { Exact, Prefix, Suffix, Regex }

    private readonly Kind _kind;
    private readonly string _text;          // Exact: the pattern; Prefix: without "**"; Suffix: without leading "**"
    private readonly PatternToken[] _tokens;
    private readonly int _stars;
    private readonly string _literalHead;   // Regex: text every match starts with
    private readonly string _literalTail;   // Regex: text every match ends with

    public IgnorePattern(string cleanedPattern, bool exclusion)
    {
        CleanedPattern = cleanedPattern;
        Exclusion = exclusion;
        Components = cleanedPattern.Split('/');
        (_kind, _tokens) = Compile(cleanedPattern);
        _stars = _tokens.Count(t => t.Type is TokenType.Star or TokenType.AnyDirs or TokenType.DotStar);
        _literalHead = new string([.. _tokens.TakeWhile(t => t.Type == TokenType.Literal).Select(t => t.Char)]);
        _literalTail = _literalHead.Length == _tokens.Length
            ? ""
            : new string([.. _tokens.Reverse().TakeWhile(t => t.Type == TokenType.Literal).Select(t => t.Char).Reverse()]);
        _text = _kind switch
        {
            Kind.Prefix => cleanedPattern[..^2],
            Kind.Suffix => cleanedPattern[2..],
            _ => cleanedPattern,
        };
    }

    /// <summary>The pattern after cleaning, without the leading '!'.</summary>
    public string CleanedPattern { get; }

    /// <summary>True for a '!' exception that re-includes what it matches.</summary>
    public bool Exclusion { get; }

    /// <summary>The pattern split at '/'.</summary>
    public string[] Components { get; }

    /// <summary>Whether the pattern uses anything but literal text.</summary>
    public bool HasWildcards => _kind != Kind.Exact;

    public bool Matches(ReadOnlySpan<char> path) => _kind switch
    {
        Kind.Exact => path.SequenceEqual(_text),
        Kind.Prefix => path.StartsWith(_text, StringComparison.Ordinal),
        // "**/foo" also matches "foo" itself.
        Kind.Suffix => path.EndsWith(_text, StringComparison.Ordinal)
            || (_text.Length > 0 && _text[0] == '/' && path.SequenceEqual(_text.AsSpan(1))),
        _ => RegexMatch(path),
    };

    private bool RegexMatch(ReadOnlySpan<char> path)
    {
        // Cheap rejections before backtracking: the literal text at either end must be there.
        if (path.Length < _literalHead.Length + _literalTail.Length
            || !path.StartsWith(_literalHead, StringComparison.Ordinal)
            || !path.EndsWith(_literalTail, StringComparison.Ordinal))
        {
            return false;
        }
        if (_stars < 2) return new RegexMatcher(_tokens, path, default).Match(0, 0);
        int size = (_tokens.Length + 1) * (path.Length + 1);
        bool[]? rented = null;
        Span<bool> failed = size <= 512 ? stackalloc bool[size] : (rented = ArrayPool<bool>.Shared.Rent(size)).AsSpan(0, size);
        failed.Clear();
        try
        {
            return new RegexMatcher(_tokens, path, failed).Match(0, 0);
        }
        finally
        {
            if (rented is not null) ArrayPool<bool>.Shared.Return(rented);
        }
    }

    private static (Kind, PatternToken[]) Compile(string pattern)
    {
        var tokens = new List<PatternToken>();
        var kind = Kind.Exact;
        int pos = 0;
        for (int i = 0; pos < pattern.Length; i++)
        {
            char ch = pattern[pos++];
            if (ch == '*')
            {
                kind = CompileStar(pattern, ref pos, first: i == 0, kind, tokens);
            }
            else if (ch == '?')
            {
                tokens.Add(new(TokenType.AnyChar));
                kind = Kind.Regex;
            }
            else if (ch == '\\')
            {
                // The escaped character is matched literally; a trailing '\' stays as text.
                if (pos < pattern.Length)
                {
                    tokens.Add(EscapedToken(pattern, ref pos));
                    kind = Kind.Regex;
                }
                else
                {
                    tokens.Add(PatternToken.Literal('\\'));
                }
            }
            else if (ch == '[')
            {
                tokens.Add(PatternClass.Parse(pattern, ref pos));
                kind = Kind.Regex;
            }
            else if (ch == ']')
            {
                tokens.Add(PatternToken.Literal(ch)); // a lone ']' is literal, but docker treats it as a regexp pattern
                kind = Kind.Regex;
            }
            else if (ch == '^')
            {
                // Docker does not escape '^', so in a regular expression it anchors at the start of the path
                // (in an exact match it is plain text).
                tokens.Add(new(TokenType.TextStart));
            }
            else
            {
                tokens.Add(PatternToken.Literal(ch));
            }
        }
        if (kind != Kind.Regex)
        {
            // Without wildcards the pattern is compared as text, '^' included.
            tokens = [.. tokens.Select(t => t.Type == TokenType.TextStart ? PatternToken.Literal('^') : t)];
        }
        return (kind, [.. tokens]);
    }

    // "*" is [^/]*; "**" (and "**/") is (.*/)?, or at the end a prefix match / .*; a leading "**" makes a suffix match.
    private static Kind CompileStar(string pattern, ref int pos, bool first, Kind kind, List<PatternToken> tokens)
    {
        if (pos >= pattern.Length || pattern[pos] != '*')
        {
            tokens.Add(new(TokenType.Star));
            return Kind.Regex;
        }
        pos++;
        if (pos < pattern.Length && pattern[pos] == '/') pos++;
        if (pos == pattern.Length)
        {
            // A trailing "**" accepts everything below, as .gitignore does.
            if (kind == Kind.Exact)
            {
                kind = Kind.Prefix;
            }
            else
            {
                tokens.Add(new(TokenType.DotStar));
                kind = Kind.Regex;
            }
        }
        else
        {
            tokens.Add(new(TokenType.AnyDirs));
            kind = Kind.Regex;
        }
        return first ? Kind.Suffix : kind;
    }

    // Outside a class the regexp sees "\c": punctuation is literal, a few letters are regexp escapes.
    private static PatternToken EscapedToken(string pattern, ref int pos)
    {
        char c = pattern[pos++];
        if (!char.IsAsciiLetterOrDigit(c)) return PatternToken.Literal(c);
        return c switch
        {
            't' => PatternToken.Literal('\t'),
            'n' => PatternToken.Literal('\n'),
            'r' => PatternToken.Literal('\r'),
            'f' => PatternToken.Literal('\f'),
            'v' => PatternToken.Literal('\v'),
            'a' => PatternToken.Literal('\a'),
            'd' or 'D' or 's' or 'S' or 'w' or 'W' => new PatternToken(TokenType.Class, Class: PatternClass.Perl(c)),
            _ => throw new ArgumentException($"syntax error in pattern '{pattern}': unsupported escape '\\{c}'"),
        };
    }

    /// <summary>Full-match backtracking over the tokens; <c>failed</c> remembers (token, position) pairs that cannot match.</summary>
    private readonly ref struct RegexMatcher(PatternToken[] tokens, ReadOnlySpan<char> path, Span<bool> failed)
    {
        private readonly PatternToken[] _tokens = tokens;
        private readonly ReadOnlySpan<char> _path = path;
        private readonly Span<bool> _failed = failed;

        public bool Match(int ti, int pos)
        {
            if (ti == _tokens.Length) return pos == _path.Length;
            int memo = ti * (_path.Length + 1) + pos;
            if (!_failed.IsEmpty && _failed[memo]) return false;
            bool ok = Step(ti, pos);
            if (!ok && !_failed.IsEmpty) _failed[memo] = true;
            return ok;
        }

        private bool Step(int ti, int pos)
        {
            PatternToken token = _tokens[ti];
            switch (token.Type)
            {
                case TokenType.Literal:
                    return pos < _path.Length && _path[pos] == token.Char && Match(ti + 1, pos + 1);
                case TokenType.TextStart:
                    return pos == 0 && Match(ti + 1, pos);
                case TokenType.AnyChar:
                    return pos < _path.Length && _path[pos] != '/' && Match(ti + 1, pos + RuneLength(pos));
                case TokenType.Class:
                    if (pos >= _path.Length) return false;
                    Rune.DecodeFromUtf16(_path[pos..], out Rune rune, out int width);
                    return token.Class!.Contains(rune.Value) && Match(ti + 1, pos + width);
                case TokenType.Star:
                    // [^/]* : any run without '/'
                    for (int q = pos; ; q++)
                    {
                        if (Match(ti + 1, q)) return true;
                        if (q >= _path.Length || _path[q] == '/') return false;
                    }
                case TokenType.DotStar:
                    // .* : any run without a newline
                    for (int q = pos; ; q++)
                    {
                        if (Match(ti + 1, q)) return true;
                        if (q >= _path.Length || _path[q] == '\n') return false;
                    }
                default:
                    // (.*/)? : nothing, or any run without a newline ending in '/'
                    if (Match(ti + 1, pos)) return true;
                    for (int q = pos; q < _path.Length && _path[q] != '\n'; q++)
                    {
                        if (_path[q] == '/' && Match(ti + 1, q + 1)) return true;
                    }
                    return false;
            }
        }

        private int RuneLength(int pos)
            => char.IsHighSurrogate(_path[pos]) && pos + 1 < _path.Length && char.IsLowSurrogate(_path[pos + 1]) ? 2 : 1;
    }
}

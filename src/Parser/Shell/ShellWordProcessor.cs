using System.Text;
using Drydock.Parser.Ast;

namespace Drydock.Parser.Shell;

/// <summary>
/// One expansion of one word: a rune scanner over the word plus the walk of BuildKit's shellWord
/// (processStopOn, quotes, escapes). Dollar forms live in ShellWordProcessor.Dollar.cs.
/// </summary>
internal sealed partial class ShellWordProcessor
{
    internal const int Eof = -1;
    private const char Bom = '\uFEFF';

    private readonly ShellLex _lex;
    private readonly string _source;
    private readonly IShellEnvironment _env;
    private readonly int _escape;
    private int _pos;
    private bool _rawEscapes;
    private readonly IVariableUseSink? _sink;
    private HashSet<string>? _matched;
    private HashSet<string>? _unmatched;

    // One buffer for the whole word: each nested read (quotes, ${...} words) appends after its caller's text and
    // cuts its own part off again, so a word costs one builder however deeply it nests.
    private readonly StringBuilder _buffer = StringBuilderCache.Acquire();

    public ShellWordProcessor(ShellLex lex, string source, IShellEnvironment env, IVariableUseSink? sink = null)
    {
        _lex = lex;
        _source = source;
        _env = env;
        _sink = sink;
        _escape = lex.EscapeToken;
        _rawEscapes = lex.RawEscapes;
        // Go's text/scanner drops a byte order mark at the very start of its input.
        _pos = source.Length > 0 && source[0] == Bom ? 1 : 0;
    }

    internal readonly record struct Outcome(string Result, List<string>? Words, IReadOnlySet<string> Matched, IReadOnlySet<string> Unmatched);

    public Outcome Process(bool collectWords)
    {
        var words = collectWords ? new WordSplitter() : null;
        string result;
        try
        {
            result = ProcessStopOn(Eof, _rawEscapes, words);
        }
        catch (ShellExpansionException e)
        {
            throw new ShellExpansionException(e.Message, _source);
        }
        finally
        {
            StringBuilderCache.Release(_buffer);
        }
        return new Outcome(result, words?.GetWords(),
            (IReadOnlySet<string>?)_matched ?? s_none, (IReadOnlySet<string>?)_unmatched ?? s_none);
    }

    private static readonly IReadOnlySet<string> s_none = new HashSet<string>();

    private int Peek()
    {
        if (_pos >= _source.Length) return Eof;
        char c = _source[_pos];
        if (!char.IsSurrogate(c)) return c;
        Rune.DecodeFromUtf16(_source.AsSpan(_pos), out Rune rune, out _);
        return rune.Value;
    }

    private int Next()
    {
        if (_pos >= _source.Length) return Eof;
        char c = _source[_pos];
        if (!char.IsSurrogate(c))
        {
            _pos++;
            return c;
        }
        Rune.DecodeFromUtf16(_source.AsSpan(_pos), out Rune rune, out int consumed);
        _pos += consumed;
        return rune.Value;
    }

    /// <summary>Reads up to <paramref name="stopChar"/> (consumed) or the end of the word.</summary>
    private string ProcessStopOn(int stopChar, bool rawEscapes, WordSplitter? words)
    {
        StringBuilder result = _buffer;
        int start = result.Length;
        bool savedRawEscapes = _rawEscapes;
        _rawEscapes = rawEscapes;
        try
        {
            while (Peek() != Eof)
            {
                int ch = Peek();
                if (stopChar != Eof && ch == stopChar)
                {
                    Next();
                    return Cut(start);
                }
                if (ch == '$')
                {
                    string value = ProcessDollar();
                    result.Append(value);
                    words?.AddString(value);
                }
                else if ((ch == '\'' || ch == '"') && !_lex.SkipProcessQuotes)
                {
                    string value = ch == '\'' ? ProcessSingleQuote() : ProcessDoubleQuote();
                    result.Append(value);
                    words?.AddRawString(value);
                }
                else if (!ProcessPlain(result, words))
                {
                    break;
                }
            }
            if (stopChar != Eof)
            {
                throw new ShellExpansionException($"unexpected end of statement while looking for matching {RuneText(stopChar)}");
            }
            return Cut(start);
        }
        finally
        {
            _rawEscapes = savedRawEscapes;
            // An exception leaves text behind; a caller that catches it (ReadUntil) must find its own text intact.
            if (result.Length > start) result.Length = start;
        }
    }

    /// <summary>An ordinary character, or the escape token and the character it protects.
    /// Returns false when an escape token ends the word (it is dropped).</summary>
    private bool ProcessPlain(StringBuilder result, WordSplitter? words)
    {
        int ch = Next();
        if (ch == _escape)
        {
            if (_rawEscapes)
            {
                words?.AddRawChar(ch);
                AppendRune(result, ch);
            }
            ch = Next();
            if (ch == Eof) return false;
            words?.AddRawChar(ch);
        }
        else
        {
            words?.AddChar(ch);
        }
        AppendRune(result, ch);
        return true;
    }

    /// <summary>Everything up to the next single quote is literal; a single quote cannot be escaped.</summary>
    private string ProcessSingleQuote()
    {
        StringBuilder result = _buffer;
        int start = result.Length;
        int ch = Next();
        if (_lex.RawQuotes) AppendRune(result, ch);
        while (true)
        {
            ch = Next();
            if (ch == Eof) throw new ShellExpansionException("unexpected end of statement while looking for matching single-quote");
            if (ch == '\'')
            {
                if (_lex.RawQuotes) AppendRune(result, ch);
                return Cut(start);
            }
            AppendRune(result, ch);
        }
    }

    /// <summary>Literal except <c>$</c> expansions; the escape token protects only <c>"</c>, <c>$</c> and itself.</summary>
    private string ProcessDoubleQuote()
    {
        StringBuilder result = _buffer;
        int start = result.Length;
        int ch = Next();
        if (_lex.RawQuotes) AppendRune(result, ch);
        while (true)
        {
            switch (Peek())
            {
                case Eof:
                    throw new ShellExpansionException("unexpected end of statement while looking for matching double-quote");
                case '"':
                    ch = Next();
                    if (_lex.RawQuotes) AppendRune(result, ch);
                    return Cut(start);
                case '$':
                    result.Append(ProcessDollar());
                    break;
                default:
                    ch = Next();
                    if (ch == _escape)
                    {
                        if (_rawEscapes) AppendRune(result, ch);
                        int next = Peek();
                        if (next == Eof) continue; // an escape at the end of the word is dropped
                        if (next == '"' || next == '$' || next == _escape) ch = Next();
                    }
                    AppendRune(result, ch);
                    break;
            }
        }
    }

    /// <summary>The text appended since <paramref name="start"/>, removed from the buffer.</summary>
    private string Cut(int start)
    {
        string text = _buffer.ToString(start, _buffer.Length - start);
        _buffer.Length = start;
        return text;
    }

    internal static void AppendRune(StringBuilder sb, int ch)
    {
        if (ch < 0) sb.Append('\uFFFD');
        else if (ch < 0x10000) sb.Append((char)ch);
        else sb.Append(new Rune(ch).ToString());
    }

    /// <summary>Go's <c>string(rune)</c>: EOF (-1) becomes U+FFFD.</summary>
    internal static string RuneText(int ch) => ch < 0 ? "\uFFFD" : char.ConvertFromUtf32(ch);
}

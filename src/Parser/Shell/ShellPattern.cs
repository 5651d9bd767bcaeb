using System.Collections;
using System.Text;

namespace Drydock.Parser.Shell;

/// <summary>
/// The shell patterns of <c>${v#p}</c>, <c>${v%p}</c> and <c>${v/p/r}</c> as BuildKit implements them: <c>*</c> is
/// any run of characters, <c>?</c> one character (neither crosses a newline, as they become Go regexp <c>.</c>),
/// <c>\*</c> <c>\?</c> <c>\\</c> are literal, <c>\}</c> and <c>\/</c> drop the backslash, no bracket expressions.
/// Matching follows Go regexp's leftmost-first rules, so <c>*</c> prefers the shortest or the longest run
/// exactly where BuildKit's regexp would.
/// </summary>
internal sealed class ShellPattern
{
    private const int Star = -1;
    private const int Any = -2;

    private readonly int[] _tokens;
    private readonly bool _greedy;
    private readonly int _stars;

    private ShellPattern(int[] tokens, bool greedy)
    {
        _tokens = tokens;
        _greedy = greedy;
        _stars = tokens.Count(t => t == Star);
    }

    /// <summary><c>${v#p}</c> / <c>${v##p}</c>: removes the shortest (longest) prefix of <paramref name="value"/> matching.</summary>
    public static string TrimPrefix(string pattern, string value, bool greedy)
    {
        var compiled = Compile(pattern, greedy);
        int[] text = ToRunes(value);
        int end = compiled.MatchAt(text, 0);
        return end < 0 ? value : FromRunes(text, end, text.Length);
    }

    /// <summary><c>${v%p}</c> / <c>${v%%p}</c>: BuildKit reverses pattern and value and trims a prefix.</summary>
    public static string TrimSuffix(string pattern, string value, bool greedy)
    {
        var compiled = Compile(ReversePattern(pattern), greedy);
        int[] text = ToRunes(value);
        Array.Reverse(text);
        int end = compiled.MatchAt(text, 0);
        if (end < 0) return value;
        int[] rest = text[end..];
        Array.Reverse(rest);
        return FromRunes(rest, 0, rest.Length);
    }

    /// <summary><c>${v/p/r}</c> replaces the first match; <c>${v//p/r}</c> every match, expanding <c>$0</c>/<c>${0}</c>
    /// and <c>$$</c> in the replacement as Go's Regexp.ReplaceAllString does.</summary>
    public static string Replace(string pattern, string value, string replacement, bool replaceAll)
    {
        var compiled = Compile(pattern, greedy: true);
        int[] text = ToRunes(value);
        if (!replaceAll)
        {
            var (start, end) = compiled.Find(text, 0);
            return start < 0 ? value : FromRunes(text, 0, start) + replacement + FromRunes(text, end, text.Length);
        }
        var sb = new StringBuilder();
        int searchPos = 0, lastMatchEnd = 0;
        while (searchPos <= text.Length)
        {
            var (start, end) = compiled.Find(text, searchPos);
            if (start < 0) break;
            AppendRunes(sb, text, lastMatchEnd, start);
            // No replacement for an empty match right after the previous match.
            if (end > lastMatchEnd || start == 0) GoTemplate.Expand(sb, replacement, text, start, end);
            lastMatchEnd = end;
            int width = searchPos < text.Length ? 1 : 0;
            if (searchPos + width > end) searchPos += width;
            else if (searchPos + 1 > end) searchPos++;
            else searchPos = end;
        }
        AppendRunes(sb, text, lastMatchEnd, text.Length);
        return sb.ToString();
    }

    private static ShellPattern Compile(string pattern, bool greedy)
    {
        int[] runes = ToRunes(pattern);
        var tokens = new List<int>(runes.Length);
        int i = runes.Length > 0 && runes[0] == 0xFEFF ? 1 : 0; // Go's text/scanner skips a leading BOM
        while (i < runes.Length)
        {
            int tok = runes[i++];
            switch (tok)
            {
                case '*':
                    tokens.Add(Star);
                    continue;
                case '?':
                    tokens.Add(Any);
                    continue;
                case '\\':
                    int next = i < runes.Length ? runes[i] : -1;
                    if (next is '}' or '/') continue; // the escape belongs to ${}, not to the pattern
                    i++;
                    if (next is not ('*' or '?' or '\\'))
                    {
                        throw new ShellExpansionException(
                            $"invalid pattern ({pattern}) in substitution: invalid escape '\\{ShellWordProcessor.RuneText(next)}'");
                    }
                    tokens.Add(next);
                    continue;
                default:
                    tokens.Add(tok);
                    continue;
            }
        }
        return new ShellPattern([.. tokens], greedy);
    }

    /// <summary>Reverses a pattern without reversing its escapes: <c>a\*c</c> becomes <c>c\*a</c>.</summary>
    private static string ReversePattern(string pattern)
    {
        int[] runes = ToRunes(pattern);
        int last = runes.Length - 1;
        int[] output = new int[runes.Length];
        for (int i = 0; i <= last;)
        {
            int outIdx = last - i;
            if (runes[i] == '\\' && i != last)
            {
                output[outIdx - 1] = runes[i];
                output[outIdx] = runes[i + 1];
                i += 2;
            }
            else
            {
                output[outIdx] = runes[i];
                i++;
            }
        }
        return FromRunes(output, 0, output.Length);
    }

    /// <summary>The leftmost match starting at or after <paramref name="from"/>, or (-1, -1).</summary>
    private (int Start, int End) Find(int[] text, int from)
    {
        var failed = NewMemo(text);
        for (int start = from; start <= text.Length; start++)
        {
            int end = Match(text, 0, start, failed);
            if (end >= 0) return (start, end);
        }
        return (-1, -1);
    }

    /// <summary>The end of the preferred match anchored at <paramref name="start"/>, or -1.</summary>
    private int MatchAt(int[] text, int start) => Match(text, 0, start, NewMemo(text));

    // Remembers (token, position) pairs known to fail; only worth it with two or more stars.
    private BitArray? NewMemo(int[] text)
        => _stars >= 2 && (long)(_tokens.Length + 1) * (text.Length + 1) <= 64_000_000
            ? new BitArray((_tokens.Length + 1) * (text.Length + 1))
            : null;

    // Backtracking in priority order reproduces the leftmost-first (Perl) choice Go's regexp makes.
    private int Match(int[] text, int ti, int pos, BitArray? failed)
    {
        if (ti == _tokens.Length) return pos;
        int memoIndex = ti * (text.Length + 1) + pos;
        if (failed is not null && failed[memoIndex]) return -1;

        int result = -1;
        int tok = _tokens[ti];
        if (tok == Star)
        {
            int max = pos;
            while (max < text.Length && text[max] != '\n') max++;
            if (_greedy)
            {
                for (int q = max; q >= pos && result < 0; q--) result = Match(text, ti + 1, q, failed);
            }
            else
            {
                for (int q = pos; q <= max && result < 0; q++) result = Match(text, ti + 1, q, failed);
            }
        }
        else if (pos < text.Length && (tok == Any ? text[pos] != '\n' : text[pos] == tok))
        {
            result = Match(text, ti + 1, pos + 1, failed);
        }

        if (result < 0 && failed is not null) failed[memoIndex] = true;
        return result;
    }

    internal static int[] ToRunes(string s)
    {
        var runes = new List<int>(s.Length);
        for (int i = 0; i < s.Length;)
        {
            Rune.DecodeFromUtf16(s.AsSpan(i), out Rune rune, out int consumed);
            runes.Add(rune.Value);
            i += consumed;
        }
        return [.. runes];
    }

    internal static string FromRunes(int[] runes, int start, int end)
    {
        var sb = new StringBuilder(end - start);
        AppendRunes(sb, runes, start, end);
        return sb.ToString();
    }

    internal static void AppendRunes(StringBuilder sb, int[] runes, int start, int end)
    {
        for (int i = start; i < end; i++) ShellWordProcessor.AppendRune(sb, runes[i]);
    }
}

namespace Drydock.Parser.Ignore;

/// <summary>
/// A bracket expression as the regular expression docker builds from a pattern reads it: <c>[abc]</c>,
/// <c>[a-z]</c>, <c>[^a-z]</c> (which, unlike <c>*</c>, can match '/'), with <c>\c</c> for a literal character.
/// </summary>
internal sealed class PatternClass
{
    private readonly List<(int Lo, int Hi)> _ranges = [];
    private bool _negated;

    public bool Contains(int rune)
    {
        bool inside = false;
        foreach (var (lo, hi) in _ranges)
        {
            if (lo <= rune && rune <= hi)
            {
                inside = true;
                break;
            }
        }
        return inside != _negated;
    }

    /// <summary>\d \D \s \S \w \W.</summary>
    public static PatternClass Perl(char c)
    {
        var cls = new PatternClass { _negated = char.IsAsciiLetterUpper(c) };
        switch (char.ToLowerInvariant(c))
        {
            case 'd':
                cls._ranges.Add(('0', '9'));
                break;
            case 's':
                cls._ranges.AddRange([('\t', '\n'), ('\f', '\r'), (' ', ' ')]);
                break;
            default:
                cls._ranges.AddRange([('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')]);
                break;
        }
        return cls;
    }

    /// <summary>Parses the class whose '[' was just read; <paramref name="pos"/> ends after the ']'.</summary>
    public static PatternToken Parse(string pattern, ref int pos)
    {
        var cls = new PatternClass();
        if (pos < pattern.Length && pattern[pos] == '^')
        {
            cls._negated = true;
            pos++;
        }
        bool first = true;
        while (true)
        {
            if (pos >= pattern.Length) throw Bad(pattern, "missing closing ]");
            if (pattern[pos] == ']' && !first)
            {
                pos++;
                break;
            }
            first = false;
            int lo = ClassChar(pattern, ref pos);
            int hi = lo;
            if (pos + 1 < pattern.Length && pattern[pos] == '-' && pattern[pos + 1] != ']')
            {
                pos++;
                hi = ClassChar(pattern, ref pos);
                if (hi < lo) throw Bad(pattern, "invalid character class range");
            }
            cls._ranges.Add((lo, hi));
        }
        return new PatternToken(TokenType.Class, Class: cls);
    }

    private static int ClassChar(string pattern, ref int pos)
    {
        if (pattern[pos] == '\\')
        {
            pos++;
            if (pos >= pattern.Length) throw Bad(pattern, "trailing backslash");
        }
        if (char.IsHighSurrogate(pattern[pos]) && pos + 1 < pattern.Length && char.IsLowSurrogate(pattern[pos + 1]))
        {
            pos += 2;
            return char.ConvertToUtf32(pattern[pos - 2], pattern[pos - 1]);
        }
        return pattern[pos++];
    }

    private static ArgumentException Bad(string pattern, string why) => new($"syntax error in pattern '{pattern}': {why}");
}

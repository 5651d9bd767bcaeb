using System.Text;

namespace Drydock.Parser.Ast;

/// <summary>
/// Reads the leading <c>--flag</c> words of an instruction as BuildKit does: byte by byte, quotes removed, the
/// escape character keeping the next byte literally, a bare <c>--</c> ending the flags. Each byte becomes the
/// character with that code, so non-ASCII flag values come out as Latin-1 (BuildKit's quirk, kept on purpose so
/// that the dump matches).
/// </summary>
internal static class FlagExtractor
{
    public static (string Remainder, IReadOnlyList<string> Flags) Extract(string line, char escapeToken)
    {
        // Most lines have no flags: an ASCII first character other than whitespace or '-', or a single '-'.
        if (line.Length == 0 || (line[0] < 0x80 && !char.IsWhiteSpace(line[0]) && (line[0] != '-' || line.Length < 2 || line[1] != '-')))
            return (line, []);
        StringBuilder word = StringBuilderCache.Acquire();
        try
        {
            return ExtractFlags(line, escapeToken, word);
        }
        finally
        {
            StringBuilderCache.Release(word);
        }
    }

    private static (string Remainder, IReadOnlyList<string> Flags) ExtractFlags(string line, char escapeToken, StringBuilder word)
    {
        var flags = new List<string>();

        // Work on one character per byte; for an ASCII line that is the line itself.
        bool ascii = IsAscii(line);
        byte[]? bytes = ascii ? null : Utf8Text.Encode(line);
        string s = ascii ? line : Utf8Text.Latin1(bytes);
        int pos = 0;
        while (true)
        {
            while (pos < s.Length && IsByteSpace(s[pos])) pos++;
            if (pos >= s.Length) return ("", flags);
            if (s[pos] != '-' || pos + 1 >= s.Length || s[pos + 1] != '-') return (RemainderFrom(pos), flags);

            word.Clear();
            bool blankOk = false, inQuote = false;
            char quote = '\0';
            for (; pos < s.Length; pos++)
            {
                char c = s[pos];
                if (!inQuote)
                {
                    if (IsByteSpace(c)) break;
                    if (c is '\'' or '"')
                    {
                        quote = c;
                        blankOk = true;
                        inQuote = true;
                        continue;
                    }
                }
                else if (c == quote)
                {
                    inQuote = false;
                    continue;
                }
                if (c == escapeToken)
                {
                    if (pos + 1 == s.Length)
                    {
                        inQuote = false;
                        continue;
                    }
                    pos++;
                    c = s[pos];
                }
                word.Append(c);
            }
            if (word.Length == 2 && word[0] == '-' && word[1] == '-')
                return (pos >= s.Length ? "" : RemainderFrom(pos), flags);
            if (blankOk || word.Length > 0) flags.Add(word.ToString());
        }

        string RemainderFrom(int index) => ascii ? line[index..] : Utf8Text.Decode(bytes.AsSpan(index));
    }

    private static bool IsAscii(string s)
    {
        foreach (char c in s)
        {
            if (c >= 0x80) return false;
        }
        return true;
    }

    private static bool IsByteSpace(char c) => c is (>= '\t' and <= '\r') or ' ' or '\u0085' or '\u00A0';
}

using System.Text;

namespace Drydock.Parser.Shell;

/// <summary>
/// Go's Regexp.Expand for a pattern without groups, which is what <c>${v//p/r}</c> hands its replacement to:
/// <c>$$</c> is <c>$</c>, <c>$0</c> and <c>${0}</c> are the match, any other <c>$name</c> / <c>${name}</c> is
/// empty, and a malformed reference keeps its <c>$</c>.
/// </summary>
internal static class GoTemplate
{
    public static void Expand(StringBuilder sb, string template, int[] text, int matchStart, int matchEnd)
    {
        int i = 0;
        while (i < template.Length)
        {
            int dollar = template.IndexOf('$', i);
            if (dollar < 0) break;
            sb.Append(template, i, dollar - i);
            i = dollar + 1;
            if (i < template.Length && template[i] == '$')
            {
                sb.Append('$');
                i++;
                continue;
            }
            if (!TryExtract(template, i, out int number, out int rest))
            {
                sb.Append('$');
                continue;
            }
            i = rest;
            if (number == 0) ShellPattern.AppendRunes(sb, text, matchStart, matchEnd);
        }
        sb.Append(template, i, template.Length - i);
    }

    // A name of letters, digits and '_', optionally in braces; number is its value when it is a group number, else -1.
    private static bool TryExtract(string s, int start, out int number, out int rest)
    {
        number = -1;
        rest = start;
        int i = start;
        bool brace = i < s.Length && s[i] == '{';
        if (brace) i++;
        int nameStart = i;
        while (i < s.Length)
        {
            Rune.DecodeFromUtf16(s.AsSpan(i), out Rune rune, out int consumed);
            if (!Rune.IsLetter(rune) && !Rune.IsDigit(rune) && rune.Value != '_') break;
            i += consumed;
        }
        if (i == nameStart) return false;
        ReadOnlySpan<char> name = s.AsSpan(nameStart, i - nameStart);
        if (brace)
        {
            if (i >= s.Length || s[i] != '}') return false;
            i++;
        }
        number = 0;
        foreach (char c in name)
        {
            if (c is < '0' or > '9' || number >= 100_000_000)
            {
                number = -1;
                break;
            }
            number = number * 10 + (c - '0');
        }
        if (name[0] == '0' && name.Length > 1) number = -1;
        rest = i;
        return true;
    }
}

using System.Globalization;
using System.Text;

namespace Drydock.Parser.Ast;

/// <summary>Go's <c>strconv.Quote</c>, which BuildKit's AST dump uses for every value and flag.</summary>
internal static class GoQuote
{
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        Append(sb, s);
        return sb.ToString();
    }

    public static void Append(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (Utf8Text.IsEscapedByte(c))
            {
                sb.Append("\\x").Append(((int)c - 0xDC00).ToString("x2", CultureInfo.InvariantCulture));
                continue;
            }
            int cp = c;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                cp = char.ConvertToUtf32(c, s[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                cp = 0xFFFD;
            }
            AppendRune(sb, cp);
        }
        sb.Append('"');
    }

    private static void AppendRune(StringBuilder sb, int cp)
    {
        switch (cp)
        {
            case '"': sb.Append("\\\""); return;
            case '\\': sb.Append("\\\\"); return;
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }
        if (cp < 0x20 || cp == 0x7F)
        {
            sb.Append("\\x").Append(cp.ToString("x2", CultureInfo.InvariantCulture));
        }
        else if (IsPrint(cp))
        {
            sb.Append(char.ConvertFromUtf32(cp));
        }
        else if (cp < 0x10000)
        {
            sb.Append("\\u").Append(cp.ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append("\\U").Append(cp.ToString("x8", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Go's <c>strconv.IsPrint</c>: letters, marks, numbers, punctuation, symbols and ASCII space.</summary>
    private static bool IsPrint(int cp)
    {
        if (cp == ' ') return true;
        if (cp < 0x7F) return cp > 0x20;
        return Rune.GetUnicodeCategory(new Rune(cp)) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation
                or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
                or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }
}

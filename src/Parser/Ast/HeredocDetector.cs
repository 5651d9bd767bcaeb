using Drydock.Parser.Shell;

namespace Drydock.Parser.Ast;

/// <summary>
/// Finds the heredocs a RUN/COPY/ADD line opens: the line is split into shell words (quotes and escapes kept),
/// and each word of the form <c>[digits]&lt;&lt;[-][spaces]WORD</c> opens one, in order (testdata README, 1.8).
/// </summary>
internal static class HeredocDetector
{
    private static readonly ShellLex s_lineLex = new('\\') { RawQuotes = true, RawEscapes = true, SkipUnsetEnv = true };
    private static readonly ShellLex s_wordLex = new('\\') { SkipUnsetEnv = true };
    private static readonly ShellLex s_rawWordLex = new('\\') { SkipUnsetEnv = true, RawQuotes = true };

    /// <summary>Heredocs opened by <paramref name="line"/>, with empty content (the caller reads the bodies).</summary>
    public static List<Heredoc> FromLine(string line)
    {
        IReadOnlyList<string> words;
        try
        {
            words = s_lineLex.ProcessWords(line, ShellEnvironment.Empty);
        }
        catch (ShellExpansionException)
        {
            return [];
        }
        var docs = new List<Heredoc>();
        for (int i = 0; i < words.Count; i++)
        {
            string word = words[i];
            // "<<  EOF": whitespace right after "<<" does not end the word.
            if (i + 1 < words.Count && IsBareOperator(word))
            {
                word = word + " " + words[i + 1];
                i++;
            }
            if (Parse(word) is { } heredoc) docs.Add(heredoc);
        }
        return docs;
    }

    private static bool IsBareOperator(string word)
    {
        int i = 0;
        while (i < word.Length && char.IsAsciiDigit(word[i])) i++;
        return word.Length - i == 2 && word[i] == '<' && word[i + 1] == '<';
    }

    /// <summary>The heredoc a single word opens, or null (<c>^(\d*)&lt;&lt;(-?)\s*([^&lt;]*)$</c>).</summary>
    public static Heredoc? Parse(string word)
    {
        int i = 0;
        while (i < word.Length && char.IsAsciiDigit(word[i])) i++;
        int digitsEnd = i;
        if (i + 1 >= word.Length || word[i] != '<' || word[i + 1] != '<') return null;
        i += 2;
        bool chomp = false;
        if (i < word.Length && word[i] == '-')
        {
            chomp = true;
            i++;
        }
        while (i < word.Length && word[i] is ' ' or '\t' or '\n' or '\f' or '\r') i++;
        string rest = word[i..];
        if (rest.Length == 0 || rest.Contains('<')) return null;

        IReadOnlyList<string> cooked, raw;
        try
        {
            cooked = s_wordLex.ProcessWords(rest, ShellEnvironment.Empty);
            if (cooked.Count != 1) return null;
            raw = s_rawWordLex.ProcessWords(rest, ShellEnvironment.Empty);
        }
        catch (ShellExpansionException e)
        {
            throw new LineParseException(e.Message, DockerfileErrorCodes.Heredoc);
        }
        if (raw.Count != 1) throw new LineParseException($"internal lexing of heredoc produced inconsistent results: {rest}", DockerfileErrorCodes.Heredoc);
        bool expand = QuoteCount(cooked[0]) == QuoteCount(raw[0]);
        int fd = 0;
        if (digitsEnd > 0 && !int.TryParse(word.AsSpan(0, digitsEnd), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out fd)) fd = 0;
        return new Heredoc(cooked[0], fd, expand, chomp, "");
    }

    private static int QuoteCount(string s)
    {
        int n = 0;
        foreach (char c in s)
        {
            if (c is '\'' or '"') n++;
        }
        return n;
    }
}

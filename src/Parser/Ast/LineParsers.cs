using System.Text;

namespace Drydock.Parser.Ast;

/// <summary>
/// Per-instruction shaping of the text after the keyword and flags into argument nodes, as BuildKit's line
/// parsers do (see testdata README, 1.2). A failure returns a message; the caller locates it.
/// </summary>
internal static class LineParsers
{
    public readonly record struct Parsed(List<string> Args, bool IsJson, AstNode? Child);

    public static Parsed Parse(string lowerKeyword, string rest, LogicalLineParser lineParser)
    {
        switch (lowerKeyword)
        {
            case "add" or "copy" or "volume":
                return MaybeJsonToList(rest);
            case "run" or "cmd" or "entrypoint" or "shell":
                return MaybeJson(rest);
            case "arg":
                return new(ParseWords(rest, lineParser.EscapeToken), false, null);
            case "env":
                return new(NameValues(rest, "ENV", lineParser.EscapeToken), false, null);
            case "label":
                return new(NameValues(rest, "LABEL", lineParser.EscapeToken), false, null);
            case "expose" or "from":
                return new(SplitWhitespace(rest), false, null);
            case "healthcheck":
                return HealthCheck(rest);
            case "maintainer" or "user" or "workdir" or "stopsignal":
                return new(rest.Length == 0 ? [] : [rest], false, null);
            case "onbuild":
                return rest.Length == 0 ? new([], false, null) : new([], false, lineParser.NodeFromLine(rest));
            default:
                return new([""], false, null);
        }
    }

    private static Parsed MaybeJson(string rest)
    {
        if (rest.Length == 0) return new([], false, null);
        return JsonArray.TryParse(rest, out List<string> values) switch
        {
            JsonArray.Outcome.Strings => new(values, true, null),
            JsonArray.Outcome.NotStringArray => throw new LineParseException("when using JSON array syntax, arrays must be comprised of strings only"),
            _ => new([rest], false, null),
        };
    }

    private static Parsed MaybeJsonToList(string rest) => JsonArray.TryParse(rest, out List<string> values) switch
    {
        JsonArray.Outcome.Strings => new(values, true, null),
        JsonArray.Outcome.NotStringArray => throw new LineParseException("when using JSON array syntax, arrays must be comprised of strings only"),
        _ => new(SplitWhitespace(rest), false, null),
    };

    /// <summary>HEALTHCHECK: the type word (cut byte-wise at whitespace, as BuildKit does), then CMD's rules.</summary>
    private static Parsed HealthCheck(string rest)
    {
        byte[] bytes = Utf8Text.Encode(rest);
        int sep = 0;
        while (sep < bytes.Length && !Utf8Text.IsByteSpace(bytes[sep])) sep++;
        int next = sep;
        while (next < bytes.Length && Utf8Text.IsByteSpace(bytes[next])) next++;
        if (sep == 0) return new([], false, null);
        string type = Utf8Text.Decode(bytes.AsSpan(0, sep));
        Parsed cmd = MaybeJson(Utf8Text.Decode(bytes.AsSpan(next)));
        var args = new List<string>(cmd.Args.Count + 1) { type };
        args.AddRange(cmd.Args);
        return new(args, cmd.IsJson, null);
    }

    /// <summary>Splits on runs of space, \t, \v, \f, \r.</summary>
    public static List<string> SplitWhitespace(string rest)
    {
        var result = new List<string>();
        if (rest.Length == 0) return result;
        int start = 0;
        int i = 0;
        while (i <= rest.Length)
        {
            if (i == rest.Length)
            {
                result.Add(rest[start..]);
                break;
            }
            if (IsAsciiBlank(rest[i]))
            {
                result.Add(rest[start..i]);
                while (i < rest.Length && IsAsciiBlank(rest[i])) i++;
                start = i;
                continue;
            }
            i++;
        }
        return result;
    }

    private static bool IsAsciiBlank(char c) => c is ' ' or '\t' or '\v' or '\f' or '\r';

    /// <summary>
    /// Words for ENV, LABEL and ARG: split on unquoted whitespace, quotes and escapes kept. BuildKit rebuilds each
    /// word rune by rune, so a byte that is not valid UTF-8 becomes U+FFFD here.
    /// </summary>
    public static List<string> ParseWords(string rest, char escapeToken)
    {
        var words = new List<string>();
        StringBuilder word = StringBuilderCache.Acquire();
        bool inWord = false, inQuote = false, blankOk = false;
        char quote = '\0';
        for (int pos = 0; pos < rest.Length; pos++)
        {
            char ch = rest[pos];
            if (!inWord && !inQuote)
            {
                if (Utf8Text.IsSpace(ch)) continue;
                inWord = true;
            }
            if (inWord)
            {
                if (Utf8Text.IsSpace(ch))
                {
                    inWord = false;
                    if (blankOk || word.Length > 0) words.Add(word.ToString());
                    word.Clear();
                    blankOk = false;
                    continue;
                }
                if (ch is '\'' or '"')
                {
                    quote = ch;
                    blankOk = true;
                    inWord = false;
                    inQuote = true;
                }
                if (ch == escapeToken)
                {
                    if (pos + 1 == rest.Length) continue;
                    word.Append(ch);
                    pos++;
                    ch = rest[pos];
                }
                AppendRune(word, ch);
                continue;
            }
            // in quote
            if (ch == quote)
            {
                inQuote = false;
                inWord = true;
            }
            if (ch == escapeToken && quote != '\'')
            {
                if (pos + 1 == rest.Length)
                {
                    inQuote = false;
                    inWord = true;
                    continue;
                }
                pos++;
                word.Append(escapeToken);
                ch = rest[pos];
            }
            AppendRune(word, ch);
        }
        if ((inWord || inQuote) && (blankOk || word.Length > 0)) words.Add(word.ToString());
        StringBuilderCache.Release(word);
        return words;
    }

    private static void AppendRune(StringBuilder word, char ch) => word.Append(Utf8Text.IsEscapedByte(ch) ? '\uFFFD' : ch);

    /// <summary>ENV and LABEL: <c>k=v ...</c> gives key, value, "=" per pair; legacy <c>k v</c> gives key, value, "".</summary>
    private static List<string> NameValues(string rest, string keyword, char escapeToken)
    {
        List<string> words = ParseWords(rest, escapeToken);
        var args = new List<string>(words.Count * 3);
        if (words.Count == 0) return args;
        if (!words[0].Contains('='))
        {
            List<string> parts = SplitWhitespace2(rest);
            if (parts.Count < 2) throw new LineParseException($"{keyword} must have two arguments");
            args.Add(parts[0]);
            args.Add(parts[1]);
            args.Add("");
            return args;
        }
        foreach (string word in words)
        {
            int eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0) throw new LineParseException($"Syntax error - can't find = in {GoQuote.Quote(word)}. Must be of the form: name=value");
            args.Add(word[..eq]);
            args.Add(word[(eq + 1)..]);
            args.Add("=");
        }
        return args;
    }

    /// <summary>Go's <c>reWhitespace.Split(rest, 2)</c>.</summary>
    private static List<string> SplitWhitespace2(string rest)
    {
        for (int i = 0; i < rest.Length; i++)
        {
            if (!IsAsciiBlank(rest[i])) continue;
            int j = i;
            while (j < rest.Length && IsAsciiBlank(rest[j])) j++;
            return [rest[..i], rest[j..]];
        }
        return [rest];
    }
}

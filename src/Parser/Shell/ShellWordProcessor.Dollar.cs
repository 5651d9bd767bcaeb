using System.Text;

namespace Drydock.Parser.Shell;

/// <summary>The <c>$name</c> and <c>${...}</c> forms, as BuildKit's processDollar.</summary>
internal sealed partial class ShellWordProcessor
{
    private string ProcessDollar()
    {
        Next(); // '$'
        if (Peek() != '{') return ProcessBareName();

        Next(); // '{'
        switch (Peek())
        {
            case Eof:
                throw new ShellExpansionException("syntax error: missing '}'");
            case '{' or '}' or ':':
                throw new ShellExpansionException("syntax error: bad substitution");
        }
        string name = ProcessName();
        int ch = Next();
        switch (ch)
        {
            case '}':
                return GetEnv(name, out string? value) || !_lex.SkipUnsetEnv ? value ?? "" : $"${{{name}}}";
            case ':':
                int modifier = Next();
                return ProcessModifier(name, modifier, ":" + RuneText(modifier), nullIsUnset: true);
            case '+' or '-' or '?' or '#' or '%':
                return ProcessModifier(name, ch, RuneText(ch), nullIsUnset: false);
            case '/':
                return ProcessReplace(name);
            default:
                throw new ShellExpansionException($"unsupported modifier ({RuneText(ch)}) in substitution");
        }
    }

    private string ProcessBareName()
    {
        string name = ProcessName();
        if (name.Length == 0) return "$";
        bool found = GetEnv(name, out string? value);
        return !found && _lex.SkipUnsetEnv ? "$" + name : value ?? "";
    }

    /// <summary><c>${name-w}</c>, <c>${name+w}</c>, <c>${name?w}</c>, <c>${name#p}</c>, <c>${name%p}</c> and their
    /// <c>:</c> forms (where an empty value counts as unset).</summary>
    private string ProcessModifier(string name, int modifier, string modifierText, bool nullIsUnset)
    {
        // Patterns keep their escapes: the glob needs them to tell \* from *.
        string word = ReadUntil('}', rawEscapes: modifier == '#' || modifier == '%', "syntax error: missing '}'");
        bool set = GetEnv(name, out string? found);
        string value = found ?? "";
        if (_lex.SkipUnsetEnv && !set) return $"${{{name}{modifierText}{word}}}";

        bool unsetOrNull = !set || (nullIsUnset && value.Length == 0);
        switch (modifier)
        {
            case '-':
                return unsetOrNull ? word : value;
            case '+':
                return unsetOrNull ? "" : word;
            case '?':
                if (!set) throw new ShellExpansionException($"{name}: {(word.Length > 0 ? word : "is not allowed to be unset")}");
                if (nullIsUnset && value.Length == 0) throw new ShellExpansionException($"{name}: {(word.Length > 0 ? word : "is not allowed to be empty")}");
                return value;
            case '%' or '#':
                // % and # remove the shortest match, %% and ## the longest.
                bool greedy = word.Length > 0 && word[0] == modifier;
                if (greedy) word = word[1..];
                return modifier == '%' ? ShellPattern.TrimSuffix(word, value, greedy) : ShellPattern.TrimPrefix(word, value, greedy);
            default:
                throw new ShellExpansionException($"unsupported modifier ({modifierText}) in substitution");
        }
    }

    /// <summary><c>${name/pattern/replacement}</c> (first match) and <c>${name//pattern/replacement}</c> (every match).</summary>
    private string ProcessReplace(string name)
    {
        bool replaceAll = Peek() == '/';
        if (replaceAll) Next();
        string pattern = ReadUntil('/', rawEscapes: true, "syntax error: missing '/' in ${}");
        string replacement = ReadUntil('}', rawEscapes: true, "syntax error: missing '}'");

        bool set = GetEnv(name, out string? found);
        string value = found ?? "";
        if (_lex.SkipUnsetEnv && !set) return $"${{{name}/{pattern}/{replacement}}}";
        return ShellPattern.Replace(pattern, value, replacement, replaceAll);
    }

    /// <summary>A nested word up to <paramref name="stop"/>; running out of input gives <paramref name="eofMessage"/>.</summary>
    private string ReadUntil(int stop, bool rawEscapes, string eofMessage)
    {
        try
        {
            return ProcessStopOn(stop, rawEscapes, words: null);
        }
        catch (ShellExpansionException) when (Peek() == Eof)
        {
            throw new ShellExpansionException(eofMessage);
        }
    }

    /// <summary>A name: letters, digits and '_'; or a run of digits (positional); or one special parameter.</summary>
    private string ProcessName()
    {
        int start = _pos;
        int ch = Peek();
        if (ch != Eof && Rune.IsDigit(new Rune(ch)))
        {
            while ((ch = Peek()) != Eof && Rune.IsDigit(new Rune(ch))) Next();
            return _source[start.._pos];
        }
        if (IsSpecialParam(ch))
        {
            Next();
            return _source[start.._pos];
        }
        while ((ch = Peek()) != Eof)
        {
            var rune = new Rune(ch);
            if (!Rune.IsLetter(rune) && !Rune.IsDigit(rune) && ch != '_') break;
            Next();
        }
        return _source[start.._pos];
    }

    // https://pubs.opengroup.org/onlinepubs/009695399/utilities/xcu_chap02.html#tag_02_05_02
    private static bool IsSpecialParam(int ch) => ch is '@' or '*' or '#' or '?' or '-' or '$' or '!' or '0';

    private bool GetEnv(string name, out string? value)
    {
        if (_env.TryGet(name, out value))
        {
            if (_sink is not null) _sink.Matched(name);
            else (_matched ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
            return true;
        }
        if (_sink is not null) _sink.Unmatched(name);
        else (_unmatched ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
        value = null;
        return false;
    }
}

namespace Drydock.Parser.Shell;

/// <summary>
/// Shell-word expansion and word splitting exactly as BuildKit's Dockerfile frontend does it
/// (frontend/dockerfile/shell/lex.go): single and double quotes, the escape token (<c>\</c> or <c>`</c>),
/// <c>$v ${v} ${v:-w} ${v-w} ${v:+w} ${v+w} ${v:?msg} ${v?msg} ${v#p} ${v##p} ${v%p} ${v%%p} ${v/p/r} ${v//p/r}</c>,
/// with nested expansions in words and shell-glob patterns (<c>*</c>, <c>?</c>).
/// </summary>
/// <example>
/// <code>
/// var lex = new ShellLex();
/// var env = ShellEnvironment.From([new("PWD", "/home")]);
/// lex.ProcessWord("he${XXX:-$PWD}", env);      // "he/home"
/// lex.ProcessWords("a \"b c\" $PWD", env);      // ["a", "b c", "/home"]
/// </code>
/// </example>
/// <remarks>Instances hold only settings, so one can be shared across threads.</remarks>
public sealed class ShellLex
{
    public ShellLex(char escapeToken = '\\')
    {
        EscapeToken = escapeToken;
    }

    /// <summary>The escape character: <c>\</c> by default, <c>`</c> under <c># escape=`</c>.</summary>
    public char EscapeToken { get; }

    /// <summary>Keep quote characters in the result (they still group and protect their content).</summary>
    public bool RawQuotes { get; set; }

    /// <summary>Keep escape characters in the result (they still protect the next character).</summary>
    public bool RawEscapes { get; set; }

    /// <summary>Leave references to unset variables as written (<c>$X</c>, <c>${X:-w}</c>) instead of expanding them.</summary>
    public bool SkipUnsetEnv { get; set; }

    /// <summary>Treat quote characters as ordinary characters.</summary>
    public bool SkipProcessQuotes { get; set; }

    /// <summary>Expands <paramref name="word"/> into one string (quotes removed, escapes applied, no splitting).</summary>
    /// <exception cref="ShellExpansionException">The word is malformed or a <c>${v?msg}</c> check failed.</exception>
    public string ProcessWord(string word, IShellEnvironment env)
        => Run(word, env, collectWords: false).Result;

    /// <summary>Expands <paramref name="word"/> and splits it on unquoted whitespace, including whitespace that
    /// comes from unquoted variable values.</summary>
    /// <exception cref="ShellExpansionException">The word is malformed or a <c>${v?msg}</c> check failed.</exception>
    public IReadOnlyList<string> ProcessWords(string word, IShellEnvironment env)
        => Run(word, env, collectWords: true).Words!;

    /// <summary>Like <see cref="ProcessWord"/>, also reporting which referenced variables were set and which were not.</summary>
    /// <exception cref="ShellExpansionException">The word is malformed or a <c>${v?msg}</c> check failed.</exception>
    public ShellWordResult ProcessWordWithMatches(string word, IShellEnvironment env)
    {
        var outcome = Run(word, env, collectWords: false);
        return new ShellWordResult(outcome.Result, outcome.Matched, outcome.Unmatched);
    }

    /// <summary>Like <see cref="ProcessWordWithMatches"/>, reporting the names to <paramref name="sink"/> as they are looked up.</summary>
    internal string ProcessWord(string word, IShellEnvironment env, IVariableUseSink sink)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(env);
        return new ShellWordProcessor(this, word, env, sink).Process(collectWords: false).Result;
    }

    private ShellWordProcessor.Outcome Run(string word, IShellEnvironment env, bool collectWords)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(env);
        return new ShellWordProcessor(this, word, env).Process(collectWords);
    }
}

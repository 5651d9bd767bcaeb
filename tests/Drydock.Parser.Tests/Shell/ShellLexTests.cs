using Drydock.Parser.Shell;

namespace Drydock.Parser.Tests.Shell;

/// <summary>Each expansion form, the lexer switches and the escape directive, with BuildKit's results.</summary>
public sealed class ShellLexTests
{
    private static readonly IShellEnvironment s_env = ShellEnvironment.From(
    [
        new("PATHS", "a/b/c"), new("X", "aXbXc"), new("ABC", "abcabc"), new("EMPTY", ""), new("SPACED", "a  b "),
        new("ONE", "1"), new("NL", "ax1\nx2"), new("PWD", "/home"),
    ]);

    private static string Word(string word, ShellLex? lex = null) => (lex ?? new ShellLex()).ProcessWord(word, s_env);

    private static string Error(string word, ShellLex? lex = null)
        => Assert.Throws<ShellExpansionException>(() => Word(word, lex)).Message;

    [Theory]
    [InlineData("$ONE", "1")]
    [InlineData("${ONE}", "1")]
    [InlineData("a${ONE}b$ONE.c", "a1b1.c")]
    [InlineData("$UNSET|${UNSET}", "|")]
    [InlineData("$", "$")]
    [InlineData("a$", "a$")]
    [InlineData("$.x", "$.x")]
    [InlineData("$ONEx", "")]
    [InlineData("$1ONE", "ONE")]
    [InlineData("$é", "")]
    public void Plain_references(string word, string expected) => Assert.Equal(expected, Word(word));

    [Theory]
    [InlineData("${UNSET:-d}", "d")]
    [InlineData("${EMPTY:-d}", "d")]
    [InlineData("${ONE:-d}", "1")]
    [InlineData("${UNSET-d}", "d")]
    [InlineData("${EMPTY-d}", "")]
    [InlineData("${ONE-d}", "1")]
    [InlineData("${UNSET:+a}", "")]
    [InlineData("${EMPTY:+a}", "")]
    [InlineData("${ONE:+a}", "a")]
    [InlineData("${UNSET+a}", "")]
    [InlineData("${EMPTY+a}", "a")]
    [InlineData("${ONE+a}", "a")]
    [InlineData("${ONE:?m}", "1")]
    [InlineData("${EMPTY?m}", "")]
    [InlineData("${UNSET:-${ALSO:-${ONE}}}", "1")]
    [InlineData("${UNSET:-a b 'c d' \"e\"}", "a b c d e")]
    [InlineData("${UNSET:-\\}}", "}")]
    public void Default_alternative_and_check_forms(string word, string expected) => Assert.Equal(expected, Word(word));

    [Theory]
    [InlineData("${UNSET:?}", "UNSET: is not allowed to be unset")]
    [InlineData("${UNSET?}", "UNSET: is not allowed to be unset")]
    [InlineData("${EMPTY:?}", "EMPTY: is not allowed to be empty")]
    [InlineData("${UNSET:?set it please}", "UNSET: set it please")]
    [InlineData("${EMPTY:?set $ONE}", "EMPTY: set 1")]
    public void Check_forms_fail_with_buildkit_messages(string word, string expected) => Assert.Equal(expected, Error(word));

    [Theory]
    [InlineData("${PATHS#*/}", "b/c")]
    [InlineData("${PATHS##*/}", "c")]
    [InlineData("${PATHS%/*}", "a/b")]
    [InlineData("${PATHS%%/*}", "a")]
    [InlineData("${X#*X}", "bXc")]
    [InlineData("${X##*X}", "c")]
    [InlineData("${X%X*}", "aXb")]
    [InlineData("${X%%X*}", "a")]
    [InlineData("${X#a?}", "bXc")]
    [InlineData("${X#z}", "aXbXc")]
    [InlineData("${PWD#/}", "home")]
    [InlineData("${PWD%e}", "/hom")]
    [InlineData("${PWD%\\*}", "/home")]
    [InlineData("${UNSET#a}", "")]
    [InlineData("${NL%%x*}", "ax1\n")]
    [InlineData("${PATHS:#a}", "/b/c")]
    public void Prefix_and_suffix_removal(string word, string expected) => Assert.Equal(expected, Word(word));

    [Theory]
    [InlineData("${ABC/b/X}", "aXcabc")]
    [InlineData("${ABC//b/X}", "aXcaXc")]
    [InlineData("${ABC//?/X}", "XXXXXX")]
    [InlineData("${ABC//*/Z}", "Z")]
    [InlineData("${ABC/b*b/-}", "a-c")]
    [InlineData("${ABC/#a/X}", "abcabc")]
    [InlineData("${ABC//z/X}", "abcabc")]
    [InlineData("${ABC//b/}", "acac")]
    [InlineData("${PATHS//\\//-}", "a-b-c")]
    [InlineData("${ABC//b/\\$0$0}", "a\\bca\\bc")]
    [InlineData("${ABC/b/\\$0}", "a\\$0cabc")]
    [InlineData("${ABC//b/$$}", "acac")]
    [InlineData("${ABC///X}", "XaXbXcXaXbXcX")]
    [InlineData("${NL//x*/Z}", "aZ\nZ")]
    [InlineData("${UNSET/a/b}", "")]
    [InlineData("${ONE//1/${PWD}}", "/home")]
    public void Pattern_replacement(string word, string expected) => Assert.Equal(expected, Word(word));

    [Theory]
    [InlineData("${", "syntax error: missing '}'")]
    [InlineData("${}", "syntax error: bad substitution")]
    [InlineData("${:}", "syntax error: bad substitution")]
    [InlineData("${{a}", "syntax error: bad substitution")]
    [InlineData("${a", "unsupported modifier (\uFFFD) in substitution")]
    [InlineData("${a:-b", "syntax error: missing '}'")]
    [InlineData("${a:", "syntax error: missing '}'")]
    [InlineData("${a/b", "syntax error: missing '/' in ${}")]
    [InlineData("${a/b/c", "syntax error: missing '}'")]
    [InlineData("${a:=b}", "unsupported modifier (:=) in substitution")]
    [InlineData("${a.b}", "unsupported modifier (.) in substitution")]
    [InlineData("${a#\\x}", "invalid pattern (\\x) in substitution: invalid escape '\\x'")]
    [InlineData("'a", "unexpected end of statement while looking for matching single-quote")]
    [InlineData("\"a", "unexpected end of statement while looking for matching double-quote")]
    [InlineData("${a:-'b}", "syntax error: missing '}'")]
    [InlineData("${a:-'b'", "syntax error: missing '}'")]
    public void Malformed_words_fail_with_buildkit_messages(string word, string expected) => Assert.Equal(expected, Error(word));

    [Fact]
    public void The_exception_carries_the_word_and_buildkit_wording()
    {
        var e = Assert.Throws<ShellExpansionException>(() => Word("x${a:?}"));
        Assert.Equal("x${a:?}", e.Word);
        Assert.Equal("failed to process \"x${a:?}\": a: is not allowed to be unset", e.Describe());
        var quoted = Assert.Throws<ShellExpansionException>(() => Word("\"\\\"\t\u00a0\" ${a:?}"));
        Assert.Equal("failed to process \"\\\"\\\\\\\"\\t\\u00a0\\\" ${a:?}\": a: is not allowed to be unset", quoted.Describe());
    }

    [Theory]
    [InlineData("'$ONE \\x'", "$ONE \\x")]
    [InlineData("\"$ONE '\\x' \\\" \\$ \\\\\"", "1 '\\x' \" $ \\")]
    [InlineData("a\\ b\\$ONE\\", "a b$ONE")]
    [InlineData("\"a\\", "error")]
    [InlineData("\uFEFF$ONE", "1")]
    public void Quotes_and_escapes(string word, string expected)
    {
        if (expected == "error") Error(word);
        else Assert.Equal(expected, Word(word));
    }

    [Theory]
    [InlineData("a`$ONE", "a$ONE")]
    [InlineData("a\\$ONE", "a\\1")]
    [InlineData("\"a`\"b\"", "a\"b")]
    [InlineData("\"a\\\"", "a\\")]
    [InlineData("C:\\path\\to", "C:\\path\\to")]
    [InlineData("a``b", "a`b")]
    [InlineData("a`", "a")]
    public void Backtick_escape_directive(string word, string expected)
        => Assert.Equal(expected, Word(word, new ShellLex('`')));

    [Fact]
    public void Raw_quotes_keep_quote_characters()
    {
        var lex = new ShellLex { RawQuotes = true };
        Assert.Equal("'a $ONE' \"b 1\"", Word("'a $ONE' \"b $ONE\"", lex));
    }

    [Fact]
    public void Raw_escapes_keep_escape_characters()
    {
        var lex = new ShellLex { RawEscapes = true };
        Assert.Equal("a\\ b\\$ONE \\$ONE", Word("a\\ b\\$ONE \"\\$ONE\"", lex));
        Assert.Equal("x\\", Word("x\\", lex));
    }

    [Fact]
    public void Skip_unset_env_leaves_unset_references_as_written()
    {
        var lex = new ShellLex { SkipUnsetEnv = true };
        Assert.Equal("$U ${U} ${U:-d} ${U+a} ${U/a/b} ${U/a/b} 1", Word("$U ${U} ${U:-d} ${U+a} ${U/a/b} ${U//a/b} $ONE", lex));
    }

    [Fact]
    public void Skip_process_quotes_treats_quotes_as_text()
    {
        var lex = new ShellLex { SkipProcessQuotes = true };
        Assert.Equal("'1' \"1\"", Word("'$ONE' \"$ONE\"", lex));
    }

    [Theory]
    [InlineData("a \"\" b", new[] { "a", "b" })]
    [InlineData("$SPACED", new[] { "a", "b" })]
    [InlineData("\"$SPACED\"", new[] { "a  b " })]
    [InlineData("x$SPACED", new[] { "xa", "b" })]
    [InlineData("a\\ b c", new[] { "a b", "c" })]
    [InlineData("'a b'c \"d\"", new[] { "a bc", "d" })]
    [InlineData("${UNSET:-a b}", new[] { "a", "b" })]
    [InlineData("  ", new string[0])]
    [InlineData("\u00a0a\u3000b", new[] { "a", "b" })]
    public void Words_split_on_unquoted_whitespace(string word, string[] expected)
        => Assert.Equal(expected, new ShellLex().ProcessWords(word, s_env));

    [Fact]
    public void Matches_report_set_and_unset_names()
    {
        var result = new ShellLex().ProcessWordWithMatches("$ONE ${NOPE:-x} ${EMPTY} $ALSO_NOPE", s_env);
        Assert.Equal("1 x  ", result.Result);
        Assert.Equal(["EMPTY", "ONE"], result.Matched.Order(StringComparer.Ordinal));
        Assert.Equal(["ALSO_NOPE", "NOPE"], result.Unmatched.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Environments_keep_the_last_value_and_can_ignore_case()
    {
        var env = ShellEnvironment.From([new("A", "1"), new("A", "2"), new("Path", "/bin")], caseInsensitive: true);
        Assert.Equal("2 /bin", new ShellLex().ProcessWord("$a $PATH", env));
        var unix = ShellEnvironment.FromPairs(["A=1", "B", "C=x=y"]);
        Assert.Equal("1||x=y|", new ShellLex().ProcessWord("$A|$B|$C|$a", unix));
        Assert.Equal(["A", "B", "C"], unix.Names.Order(StringComparer.Ordinal));
    }
}

using Drydock.Parser.Ignore;

namespace Drydock.Parser.Tests.Ignore;

/// <summary>moby/patternmatcher's own tables (TestMatches, TestMatch, the Clean* tests).</summary>
public sealed class PatternMatcherTests
{
    public enum Pass { Fail, Exact, Inexact }

    [Theory]
    [InlineData("**", "file", Pass.Exact)]
    [InlineData("**", "file/", Pass.Exact)]
    [InlineData("**/", "file", Pass.Exact)]
    [InlineData("**/", "file/", Pass.Exact)]
    [InlineData("**", "/", Pass.Exact)]
    [InlineData("**/", "/", Pass.Exact)]
    [InlineData("**", "dir/file", Pass.Exact)]
    [InlineData("**/", "dir/file", Pass.Exact)]
    [InlineData("**", "dir/file/", Pass.Exact)]
    [InlineData("**/", "dir/file/", Pass.Exact)]
    [InlineData("**/**", "dir/file", Pass.Exact)]
    [InlineData("**/**", "dir/file/", Pass.Exact)]
    [InlineData("dir/**", "dir/file", Pass.Exact)]
    [InlineData("dir/**", "dir/file/", Pass.Exact)]
    [InlineData("dir/**", "dir/dir2/file", Pass.Exact)]
    [InlineData("dir/**", "dir/dir2/file/", Pass.Exact)]
    [InlineData("**/dir", "dir", Pass.Exact)]
    [InlineData("**/dir", "dir/file", Pass.Inexact)]
    [InlineData("**/dir2/*", "dir/dir2/file", Pass.Exact)]
    [InlineData("**/dir2/*", "dir/dir2/file/", Pass.Inexact)]
    [InlineData("**/dir2/**", "dir/dir2/dir3/file", Pass.Exact)]
    [InlineData("**/dir2/**", "dir/dir2/dir3/file/", Pass.Exact)]
    [InlineData("**file", "file", Pass.Exact)]
    [InlineData("**file", "dir/file", Pass.Exact)]
    [InlineData("**/file", "dir/file", Pass.Exact)]
    [InlineData("**file", "dir/dir/file", Pass.Exact)]
    [InlineData("**/file", "dir/dir/file", Pass.Exact)]
    [InlineData("**/file*", "dir/dir/file", Pass.Exact)]
    [InlineData("**/file*", "dir/dir/file.txt", Pass.Exact)]
    [InlineData("**/file*txt", "dir/dir/file.txt", Pass.Exact)]
    [InlineData("**/file*.txt", "dir/dir/file.txt", Pass.Exact)]
    [InlineData("**/file*.txt*", "dir/dir/file.txt", Pass.Exact)]
    [InlineData("**/**/*.txt", "dir/dir/file.txt", Pass.Exact)]
    [InlineData("**/**/*.txt2", "dir/dir/file.txt", Pass.Fail)]
    [InlineData("**/*.txt", "file.txt", Pass.Exact)]
    [InlineData("**/**/*.txt", "file.txt", Pass.Exact)]
    [InlineData("a**/*.txt", "a/file.txt", Pass.Exact)]
    [InlineData("a**/*.txt", "a/dir/file.txt", Pass.Exact)]
    [InlineData("a**/*.txt", "a/dir/dir/file.txt", Pass.Exact)]
    [InlineData("a/*.txt", "a/dir/file.txt", Pass.Fail)]
    [InlineData("a/*.txt", "a/file.txt", Pass.Exact)]
    [InlineData("a/*.txt**", "a/file.txt", Pass.Exact)]
    [InlineData("a[b-d]e", "ae", Pass.Fail)]
    [InlineData("a[b-d]e", "ace", Pass.Exact)]
    [InlineData("a[b-d]e", "aae", Pass.Fail)]
    [InlineData("a[^b-d]e", "aze", Pass.Exact)]
    [InlineData(".*", ".foo", Pass.Exact)]
    [InlineData(".*", "foo", Pass.Fail)]
    [InlineData("abc.def", "abcdef", Pass.Fail)]
    [InlineData("abc.def", "abc.def", Pass.Exact)]
    [InlineData("abc.def", "abcZdef", Pass.Fail)]
    [InlineData("abc?def", "abcZdef", Pass.Exact)]
    [InlineData("abc?def", "abcdef", Pass.Fail)]
    [InlineData("**/foo/bar", "foo/bar", Pass.Exact)]
    [InlineData("**/foo/bar", "dir/foo/bar", Pass.Exact)]
    [InlineData("**/foo/bar", "dir/dir2/foo/bar", Pass.Exact)]
    [InlineData("abc/**", "abc", Pass.Fail)]
    [InlineData("abc/**", "abc/def", Pass.Exact)]
    [InlineData("abc/**", "abc/def/ghi", Pass.Exact)]
    [InlineData("**/.foo", ".foo", Pass.Exact)]
    [InlineData("**/.foo", "bar.foo", Pass.Fail)]
    [InlineData("a(b)c/def", "a(b)c/def", Pass.Exact)]
    [InlineData("a(b)c/def", "a(b)c/xyz", Pass.Fail)]
    [InlineData("a.|)$(}+{bc", "a.|)$(}+{bc", Pass.Exact)]
    [InlineData("dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", Pass.Exact)]
    [InlineData("dist/*.whl", "dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", Pass.Exact)]
    [InlineData("a\\\\", "a\\", Pass.Exact)]
    [InlineData("a\\*b", "a*b", Pass.Exact)]
    public void Single_pattern(string pattern, string text, Pass pass)
    {
        var matcher = new PatternMatcher([pattern]);
        Assert.Equal(pass == Pass.Exact, matcher.MatchesExact(text));
        Assert.Equal(pass != Pass.Fail, matcher.Matches(text));
    }

    [Theory]
    [InlineData("util/docker/web/foo", false, "**", "!util/docker/web")]
    [InlineData("util/docker/web/foo", true, "**", "!util/docker/web", "util/docker/web/foo")]
    [InlineData("dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", false, "**", "!dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl")]
    [InlineData("dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl", false, "**", "!dist/*.whl")]
    [InlineData("fileutils.go", true, "*")]
    [InlineData("fileutils.go", true, "*.go")]
    [InlineData("fileutils.go", true, "!fileutils.go", "*.go")]
    [InlineData("docs/README.md", false, "docs", "!docs/README.md")]
    [InlineData("docs/README.md", false, "docs/", "!docs/README.md")]
    [InlineData("docs/README.md", false, "docs/*", "!docs/README.md")]
    [InlineData("fileutils.go", false, "*.go", "!fileutils.go")]
    [InlineData("/any/path/there", false)]
    public void Several_patterns_in_order(string text, bool expected, params string[] patterns)
    {
        Assert.Equal(expected, new PatternMatcher(patterns).Matches(text));
    }

    // patternmatcher's TestMatch: Go's filepath.Match table run through Matches(file, patterns).
    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("*", "abc", true)]
    [InlineData("*c", "abc", true)]
    [InlineData("a*", "a", true)]
    [InlineData("a*", "abc", true)]
    [InlineData("a*", "ab/c", true)]
    [InlineData("a*/b", "abc/b", true)]
    [InlineData("a*/b", "a/c/b", false)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxe/f", true)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxexxx/f", true)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false)]
    [InlineData("a*b*c*d*e*/f", "axbxcxdxexxx/fff", false)]
    [InlineData("a*b?c*x", "abxbbxdbxebxczzx", true)]
    [InlineData("a*b?c*x", "abxbbxdbxebxczzy", false)]
    [InlineData("ab[c]", "abc", true)]
    [InlineData("ab[b-d]", "abc", true)]
    [InlineData("ab[e-g]", "abc", false)]
    [InlineData("ab[^c]", "abc", false)]
    [InlineData("ab[^b-d]", "abc", false)]
    [InlineData("ab[^e-g]", "abc", true)]
    [InlineData("a\\*b", "a*b", true)]
    [InlineData("a\\*b", "ab", false)]
    [InlineData("a?b", "a☺b", true)]
    [InlineData("a[^a]b", "a☺b", true)]
    [InlineData("a???b", "a☺b", false)]
    [InlineData("a[^a][^a][^a]b", "a☺b", false)]
    [InlineData("[a-ζ]*", "α", true)]
    [InlineData("*[a-ζ]", "A", false)]
    [InlineData("a?b", "a/b", false)]
    [InlineData("a*b", "a/b", false)]
    [InlineData("[\\]a]", "]", true)]
    [InlineData("[\\-]", "-", true)]
    [InlineData("[x\\-]", "x", true)]
    [InlineData("[x\\-]", "-", true)]
    [InlineData("[x\\-]", "z", false)]
    [InlineData("[\\-x]", "x", true)]
    [InlineData("[\\-x]", "-", true)]
    [InlineData("[\\-x]", "a", false)]
    [InlineData("*x", "xxx", true)]
    public void Go_match_table_through_the_matcher(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, new PatternMatcher([pattern]).Matches(text));
    }

    [Theory]
    [InlineData("[]a]")]
    [InlineData("[-]")]
    [InlineData("[x-]")]
    [InlineData("[-x]")]
    [InlineData("\\")]
    [InlineData("[a-b-c]")]
    [InlineData("[")]
    [InlineData("[^")]
    [InlineData("[^bc")]
    [InlineData("a[")]
    [InlineData("!")]
    [InlineData("[Local-Only]/")]
    public void Malformed_patterns_are_rejected(string pattern)
    {
        Assert.Throws<ArgumentException>(() => new PatternMatcher([pattern]));
    }

    [Fact]
    public void Patterns_are_trimmed_cleaned_and_blank_ones_dropped()
    {
        var matcher = new PatternMatcher(["docs", "config", "", "  !docs/README.md  ", "./a//b/"]);
        Assert.Equal(["docs", "config", "!docs/README.md", "a/b"], matcher.Patterns);
        Assert.True(matcher.HasExclusions);
        Assert.False(new PatternMatcher(["docs"]).HasExclusions);
        Assert.True(matcher.Matches("a/b/c"));
    }

    [Theory]
    [InlineData("^a", "^a", true)]
    [InlineData("^a", "a", false)]
    [InlineData("^*.txt", "x.txt", true)]
    [InlineData("^a*", "^ab", false)]
    [InlineData("^a*", "ab", true)]
    [InlineData("a^*", "a^b", false)]
    public void A_caret_is_text_in_exact_patterns_and_an_anchor_in_wildcard_ones(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, new PatternMatcher([pattern]).MatchesExact(text));
    }

    [Fact]
    public void A_star_does_not_cross_a_slash_but_a_negated_class_does()
    {
        Assert.False(new PatternMatcher(["a*c"]).MatchesExact("ab/c"));
        Assert.True(new PatternMatcher(["a[^x]c"]).MatchesExact("a/c"));
    }

    [Theory]
    [InlineData("build", "!build/keep.txt", true)]
    [InlineData("build", "!other/keep.txt", false)]
    [InlineData("build/sub", "!build/keep.txt", false)]
    [InlineData("build", "!**/keep.txt", true)]
    [InlineData("build", "!*/keep.txt", true)]
    [InlineData("src", "!b*/keep.txt", false)]
    [InlineData("build", "!build", true)]
    public void Exceptions_below_a_directory_are_detected(string dir, string exception, bool expected)
    {
        Assert.Equal(expected, new PatternMatcher(["*", exception]).MayMatchExceptionUnder(dir));
    }

    [Fact]
    public void Without_exceptions_nothing_can_be_reincluded()
    {
        Assert.False(new PatternMatcher(["build", "**/*.o"]).MayMatchExceptionUnder("build"));
    }

    [Fact]
    public void Many_stars_against_a_long_path_stay_fast()
    {
        var matcher = new PatternMatcher(["a*a*a*a*a*a*a*a*a*a*b"]);
        Assert.False(matcher.MatchesExact(new string('a', 200)));
    }
}

using Drydock.Parser.Ignore;

namespace Drydock.Parser.Tests.Ignore;

/// <summary>Go's own table for path/filepath.Match (match_test.go), which FilePathMatch reproduces.</summary>
public sealed class FilePathMatchTests
{
    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("*", "abc", true)]
    [InlineData("*c", "abc", true)]
    [InlineData("a*", "a", true)]
    [InlineData("a*", "abc", true)]
    [InlineData("a*", "ab/c", false)]
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
    [InlineData("a?b", "a😀b", true)]
    [InlineData("*.go", "main.go", true)]
    [InlineData("*.go", "cmd/main.go", false)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    public void Matches_like_go(string pattern, string name, bool expected)
    {
        Assert.Equal(expected, FilePathMatch.Match(pattern, name));
        Assert.True(FilePathMatch.IsValid(pattern));
    }

    [Theory]
    [InlineData("[]a]", "]")]
    [InlineData("[-]", "-")]
    [InlineData("[x-]", "x")]
    [InlineData("[x-]", "-")]
    [InlineData("[x-]", "z")]
    [InlineData("[-x]", "x")]
    [InlineData("[-x]", "-")]
    [InlineData("[-x]", "a")]
    [InlineData("\\", "a")]
    [InlineData("[a-b-c]", "a")]
    [InlineData("[", "a")]
    [InlineData("[^", "a")]
    [InlineData("[^bc", "a")]
    [InlineData("a[", "a")]
    [InlineData("a[", "ab")]
    [InlineData("a[", "x")]
    [InlineData("a/b[", "x")]
    [InlineData("*x[", "ax")]
    public void Malformed_patterns_are_argument_errors_even_when_the_name_differs(string pattern, string name)
    {
        var e = Assert.Throws<ArgumentException>(() => FilePathMatch.Match(pattern, name));
        Assert.Contains($"syntax error in pattern '{pattern}'", e.Message, StringComparison.Ordinal);
        Assert.False(FilePathMatch.IsValid(pattern));
    }
}

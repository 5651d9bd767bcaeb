using Drydock.Parser.Ignore;

namespace Drydock.Parser.Tests.Ignore;

/// <summary>Go's clean tests (path/filepath), which pattern and path cleaning rely on.</summary>
public sealed class GoPathTests
{
    [Theory]
    [InlineData("abc", "abc")]
    [InlineData("abc/def", "abc/def")]
    [InlineData(".", ".")]
    [InlineData("..", "..")]
    [InlineData("../..", "../..")]
    [InlineData("../../abc", "../../abc")]
    [InlineData("/abc", "/abc")]
    [InlineData("/", "/")]
    [InlineData("", ".")]
    [InlineData("abc/", "abc")]
    [InlineData("./", ".")]
    [InlineData("../", "..")]
    [InlineData("/abc/", "/abc")]
    [InlineData("abc//def//ghi", "abc/def/ghi")]
    [InlineData("//abc", "/abc")]
    [InlineData("///abc", "/abc")]
    [InlineData("//abc//", "/abc")]
    [InlineData("abc/./def", "abc/def")]
    [InlineData("/./abc/def", "/abc/def")]
    [InlineData("abc/.", "abc")]
    [InlineData("abc/def/ghi/../jkl", "abc/def/jkl")]
    [InlineData("abc/def/../ghi/../jkl", "abc/jkl")]
    [InlineData("abc/def/..", "abc")]
    [InlineData("abc/def/../..", ".")]
    [InlineData("/abc/def/../..", "/")]
    [InlineData("abc/def/../../..", "..")]
    [InlineData("/abc/def/../../..", "/")]
    [InlineData("abc/def/../../../ghi/jkl/../../../mno", "../../mno")]
    [InlineData("/../abc", "/abc")]
    [InlineData("abc/./../def", "def")]
    [InlineData("abc//./../def", "def")]
    [InlineData("abc/../../././../def", "../../def")]
    [InlineData("./a/b/", "a/b")]
    [InlineData("!./a", "!./a")]
    public void Cleans_like_go(string path, string expected)
    {
        Assert.Equal(expected, GoPath.Clean(path));
        Assert.Equal(path == expected, GoPath.IsClean(path));
    }
}

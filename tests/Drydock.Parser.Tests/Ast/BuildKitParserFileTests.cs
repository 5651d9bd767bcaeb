using Drydock.Parser.Ast;

namespace Drydock.Parser.Tests.Ast;

/// <summary>Every case of ../shared/testdata/buildkit-parser: dumps match, negatives fail located, line ranges match.</summary>
public sealed class BuildKitParserFileTests
{
    public static TheoryData<string> PositiveCases => ParserTestData.Cases("testfiles");

    public static TheoryData<string> NegativeCases => ParserTestData.Cases("testfiles-negative");

    [Theory]
    [MemberData(nameof(PositiveCases))]
    public void DumpMatchesBuildKit(string name)
    {
        string dir = ParserTestData.PathOf(Path.Combine("testfiles", name));
        byte[] dockerfile = File.ReadAllBytes(Path.Combine(dir, "Dockerfile"));
        string expected = File.ReadAllText(Path.Combine(dir, "result")).Replace("\r\n", "\n", StringComparison.Ordinal);

        string actual = AstDocument.Parse(dockerfile).Dump();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(NegativeCases))]
    public void InvalidFileFailsWithLocatedError(string name)
    {
        string dir = ParserTestData.PathOf(Path.Combine("testfiles-negative", name));
        byte[] dockerfile = File.ReadAllBytes(Path.Combine(dir, "Dockerfile"));

        var e = Assert.Throws<DockerfileException>(() => AstDocument.Parse(dockerfile));

        Assert.Equal("Dockerfile", e.Range.File);
        Assert.True(e.Range.StartLine >= 1);
        Assert.StartsWith($"Dockerfile:{e.Range.StartLine}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LineRangesMatchBuildKit()
    {
        string dir = ParserTestData.PathOf("testfile-line");
        byte[] dockerfile = File.ReadAllBytes(Path.Combine(dir, "Dockerfile"));
        string[] expected = File.ReadAllLines(Path.Combine(dir, "lines")).Where(l => l.Trim().Length > 0).ToArray();

        AstDocument doc = AstDocument.Parse(dockerfile);
        var actual = new List<string> { $"{doc.Nodes[0].StartLine} {doc.Nodes[^1].EndLine}" };
        actual.AddRange(doc.Nodes.Select(n => $"{n.StartLine} {n.EndLine}"));

        Assert.Equal(expected, actual);
    }
}

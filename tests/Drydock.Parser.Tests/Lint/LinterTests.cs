using Drydock.Parser.Lint;

namespace Drydock.Parser.Tests.Lint;

public sealed class LinterTests
{
    private static List<string> Rules(string text) =>
        Linter.Check(DockerfileParser.Parse(text)).Select(w => $"{w.Range.StartLine} {w.RuleName}").ToList();

    [Theory]
    [InlineData("FROM a\nENV A b\n", "2 LegacyKeyValueFormat")]
    [InlineData("FROM a\nLABEL A b\n", "2 LegacyKeyValueFormat")]
    [InlineData("FROM a as b\n", "1 FromAsCasing")]
    [InlineData("from a AS b\n", "1 FromAsCasing")]
    [InlineData("FROM a AS Build\n", "1 StageNameCasing")]
    [InlineData("FROM $NOPE\n", "1 UndefinedArgInFrom")]
    [InlineData("FROM a AS x\nFROM b AS X\n", "2 StageNameCasing", "2 DuplicateStageName")]
    [InlineData("FROM a\nENTRYPOINT run\n", "2 JSONArgsRecommended")]
    [InlineData("FROM a\nMAINTAINER me\n", "2 MaintainerDeprecated")]
    [InlineData("FROM a\nHEALTHCHECK NONE\nHEALTHCHECK CMD [\"x\"]\n", "2 MultipleInstructionsDisallowed")]
    [InlineData("FROM a\nWORKDIR app\nWORKDIR sub\n", "2 WorkdirRelativePath")]
    [InlineData("FROM a\nrun x\nRUN y\nRUN z\n", "2 ConsistentInstructionCasing")]
    [InlineData("FROM a AS scratch\n", "1 ReservedStageName")]
    [InlineData("FROM --platform=linux/amd64 a\n", "1 FromPlatformFlagConstDisallowed")]
    [InlineData("FROM --platform=$TARGETPLATFORM a\n", "1 RedundantTargetPlatform")]
    [InlineData("FROM a\nEXPOSE 80/TCP\n", "2 ExposeProtoCasing")]
    [InlineData("FROM a\nARG GITHUB_TOKEN\n", "2 SecretsUsedInArgOrEnv")]
    [InlineData("FROM a\nRUN a \\\n\n  b\n", "3 NoEmptyContinuation")]
    public void RuleFires(string text, params string[] expected)
    {
        Assert.Equal(expected, Rules(text));
    }

    [Fact]
    public void CleanDockerfileHasNoWarnings()
    {
        Assert.Empty(Rules("ARG V=1\nFROM --platform=$BUILDPLATFORM alpine:$V AS build\nWORKDIR /src\nENV A=b\nCMD [\"x\"]\nFROM scratch\nCOPY --from=build /a /b\n"));
    }

    [Fact]
    public void CheckDirectiveSkipsRulesAndMarksErrors()
    {
        var df = DockerfileParser.Parse("# check=skip=JSONArgsRecommended,maintainerdeprecated;error=true\nFROM a\nMAINTAINER me\nCMD x\nENV A b\n");

        IReadOnlyList<LintWarning> warnings = Linter.Check(df);

        Assert.Equal(["LegacyKeyValueFormat"], warnings.Select(w => w.RuleName));
        var e = Assert.Throws<DockerfileException>(() => Linter.ThrowIfFailing(df, warnings));
        Assert.Equal("Dockerfile:5: lint violation found for rules: LegacyKeyValueFormat", e.Message);
    }

    [Fact]
    public void SkipAllSilencesEverything()
    {
        Assert.Empty(Rules("# check=skip=all\nFROM a as B\nMAINTAINER x\n"));
    }

    [Fact]
    public void WarningCarriesDocumentationLink()
    {
        LintWarning w = Assert.Single(Linter.Check(DockerfileParser.Parse("FROM a as b\n")));

        Assert.Equal("https://docs.docker.com/go/dockerfile/rule/from-as-casing/", w.Url);
        Assert.Equal("'as' and 'FROM' keywords' casing do not match", w.Message);
        Assert.Equal("Dockerfile:1: FromAsCasing: 'as' and 'FROM' keywords' casing do not match", w.ToString());
    }

    [Fact]
    public void UndefinedArgInFromSuggestsCloseName()
    {
        LintWarning w = Assert.Single(Linter.Check(DockerfileParser.Parse("ARG VERSION=1\nFROM a:$VERSOIN\n")));

        Assert.Equal("FROM argument 'VERSOIN' is not declared (did you mean VERSION?)", w.Message);
    }
}

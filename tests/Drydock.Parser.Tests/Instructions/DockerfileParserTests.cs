using Drydock.Parser.Instructions;

namespace Drydock.Parser.Tests.Instructions;

public sealed class DockerfileParserTests
{
    [Fact]
    public void StagesGlobalArgsAndRangesAreBuilt()
    {
        Dockerfile df = DockerfileParser.Parse("""
            ARG BASE=alpine
            FROM --platform=$BUILDPLATFORM $BASE AS Build
            RUN echo hi \
              && echo there
            FROM scratch
            COPY --from=build /a /b
            """);

        ArgInstruction arg = Assert.Single(df.GlobalArgs);
        Assert.Equal(new ArgDefinition("BASE", "alpine"), arg.Args[0]);
        Assert.Equal(2, df.Stages.Count);
        Stage build = df.Stages[0];
        Assert.Equal("build", build.Name);
        Assert.Equal("$BASE", build.BaseName);
        Assert.Equal("$BUILDPLATFORM", build.Platform);
        Assert.Equal(new SourceRange("Dockerfile", 2, 0, 4, 0), build.Range);
        RunInstruction run = Assert.IsType<RunInstruction>(Assert.Single(build.Instructions));
        Assert.True(run.PrependShell);
        Assert.Equal(["echo hi   && echo there"], run.CommandLine);
        Assert.Equal("RUN echo hi   && echo there", run.Original);
        Assert.Equal(3, run.Range.StartLine);
        Assert.Equal(4, run.Range.EndLine);
        CopyInstruction copy = Assert.IsType<CopyInstruction>(Assert.Single(df.Stages[1].Instructions));
        Assert.Equal("build", copy.From);
        Assert.Equal(["/a"], copy.Sources);
        Assert.Equal("/b", copy.Destination);
        Assert.Equal(1, df.Stages[1].Index);
        Assert.Same(build, df.FindStage("BUILD"));
        Assert.Same(df.Stages[1], df.FindStage("1"));
    }

    [Fact]
    public void DirectivesAndEscapeAreRecorded()
    {
        Dockerfile df = DockerfileParser.Parse("# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=all\nFROM a\nRUN x `\n  y\n");

        Assert.Equal('`', df.EscapeToken);
        Assert.Equal("docker/dockerfile:1", df.Syntax);
        Assert.Equal("skip=all", df.Check);
        Assert.Equal(["x   y"], Assert.IsType<RunInstruction>(df.Stages[0].Instructions[0]).CommandLine);
    }

    [Theory]
    [InlineData("FROM a\nRUNN x\n", "Dockerfile:2:1: unknown instruction: RUNN (did you mean RUN?)")]
    [InlineData("FROM a\nCOPY x\n", "Dockerfile:2: COPY requires at least two arguments, but only one was provided. Destination could not be determined")]
    [InlineData("FROM a\nADD x\n", "Dockerfile:2: ADD requires at least two arguments, but only one was provided. Destination could not be determined")]
    [InlineData("FROM a b\n", "Dockerfile:1: FROM requires either one or three arguments")]
    [InlineData("FROM a AS 1x\n", "Dockerfile:1: invalid name for build stage: \"1x\", name can't start with a number or contain symbols")]
    [InlineData("RUN x\n", "Dockerfile:1: no build stage in current context")]
    [InlineData("FROM a\nCOPY --bogus=1 x y\n", "Dockerfile:2: unknown flag: bogus")]
    [InlineData("FROM a\nCOPY --from x y\n", "Dockerfile:2: missing a value on flag: from")]
    [InlineData("FROM a\nCOPY --link=maybe x y\n", "Dockerfile:2: expecting boolean value for flag link, not: maybe")]
    [InlineData("FROM a\nCOPY --from=a --from=b x y\n", "Dockerfile:2: duplicate flag specified: from")]
    [InlineData("FROM a\nUSER\n", "Dockerfile:2: USER requires exactly one argument")]
    [InlineData("FROM a\nWORKDIR\n", "Dockerfile:2: WORKDIR requires exactly one argument")]
    [InlineData("FROM a\nEXPOSE\n", "Dockerfile:2: EXPOSE requires at least one argument")]
    [InlineData("FROM a\nVOLUME\n", "Dockerfile:2: VOLUME requires at least one argument")]
    [InlineData("FROM a\nARG\n", "Dockerfile:2: ARG requires at least one argument")]
    [InlineData("FROM a\nARG =x\n", "Dockerfile:2: ARG names can not be blank")]
    [InlineData("FROM a\nENV\n", "Dockerfile:2: ENV requires at least one argument")]
    [InlineData("FROM a\nENV PATH\n", "Dockerfile:2: ENV must have two arguments")]
    [InlineData("FROM a\nLABEL a=b c\n", "Dockerfile:2: Syntax error - can't find = in \"c\". Must be of the form: name=value")]
    [InlineData("FROM a\nSHELL sh -c\n", "Dockerfile:2: SHELL requires the arguments to be in JSON form")]
    [InlineData("FROM a\nSHELL []\n", "Dockerfile:2: SHELL requires at least one argument")]
    [InlineData("FROM a\nCMD [\"a\", 1]\n", "Dockerfile:2: when using JSON array syntax, arrays must be comprised of strings only")]
    [InlineData("FROM a\nSTOPSIGNAL\n", "Dockerfile:2: STOPSIGNAL requires exactly one argument")]
    [InlineData("FROM a\nHEALTHCHECK\n", "Dockerfile:2: HEALTHCHECK requires at least one argument")]
    [InlineData("FROM a\nHEALTHCHECK NONE x\n", "Dockerfile:2: HEALTHCHECK NONE takes no arguments")]
    [InlineData("FROM a\nHEALTHCHECK CMD\n", "Dockerfile:2: Missing command after HEALTHCHECK CMD")]
    [InlineData("FROM a\nHEALTHCHECK FOO x\n", "Dockerfile:2: Unknown type \"FOO\" in HEALTHCHECK (try CMD)")]
    [InlineData("FROM a\nHEALTHCHECK --retries=0 CMD x\n", "Dockerfile:2: --retries must be at least 1 (not 0)")]
    [InlineData("FROM a\nHEALTHCHECK --interval=5 CMD x\n", "Dockerfile:2: time: invalid duration \"5\"")]
    [InlineData("FROM a\nHEALTHCHECK --interval=1us CMD x\n", "Dockerfile:2: Interval \"interval\" cannot be less than 1ms")]
    [InlineData("FROM a\nONBUILD ONBUILD RUN x\n", "Dockerfile:2: Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")]
    [InlineData("FROM a\nONBUILD FROM b\n", "Dockerfile:2: FROM isn't allowed as an ONBUILD trigger")]
    [InlineData("FROM a\nONBUILD maintainer me\n", "Dockerfile:2: MAINTAINER isn't allowed as an ONBUILD trigger")]
    [InlineData("FROM a\nONBUILD\n", "Dockerfile:2: ONBUILD requires at least one argument")]
    [InlineData("FROM a\nONBUILD RUNN x\n", "Dockerfile:2:1: unknown instruction: RUNN (did you mean RUN?)")]
    [InlineData("FROM a\nRUN --network=bogus x\n", "Dockerfile:2: unsupported network mode \"bogus\"")]
    [InlineData("FROM a\nRUN --security=bogus x\n", "Dockerfile:2: unsupported security mode \"bogus\"")]
    [InlineData("FROM a\nRUN --mount=type=cahce,target=/x x\n", "Dockerfile:2: unsupported mount type \"cahce\" (did you mean cache?)")]
    [InlineData("FROM a\nRUN --mount=type=cache,targte=/x x\n", "Dockerfile:2: unexpected key 'targte' in 'targte=/x' (did you mean target?)")]
    [InlineData("FROM a\nRUN --mount=type=bind,mode=0755,target=/x x\n", "Dockerfile:2: mode not allowed for \"bind\" type mounts")]
    [InlineData("FROM a\nRUN --mount=type=cache,target=/x,sharing=bogus x\n", "Dockerfile:2: unsupported sharing value \"bogus\"")]
    [InlineData("FROM a\nRUN --mount=type=bind,size=1m,target=/x x\n", "Dockerfile:2: size is only valid for tmpfs mounts")]
    [InlineData("FROM a\nRUN --mount=type=cache x\n", "Dockerfile:2: mount type=cache requires a target")]
    [InlineData("FROM a\nRUN --mount=type=cache,target=/x,mode=999 x\n", "Dockerfile:2: invalid value 999 for mode")]
    [InlineData("FROM a\nRUN --mount=type=cache,target=/x,foo x\n", "Dockerfile:2: invalid field 'foo' must be a key=value pair")]
    [InlineData("FROM a\nCOPY <<EOF <<EOF\nx\nEOF\ny\nEOF\n", "Dockerfile:2: COPY cannot accept a heredoc as a destination")]
    [InlineData("# escape=x\nFROM a\n", "Dockerfile:1: invalid escape token 'x' does not match ` or \\")]
    [InlineData("# escape=`\n# escape=\\\nFROM a\n", "Dockerfile:2: only one escape parser directive can be used")]
    [InlineData("", "Dockerfile:1: file with no instructions")]
    [InlineData("FROM a\nRUN <<EOF\nx\n", "Dockerfile:2:5: unterminated heredoc <<EOF started here")]
    public void ErrorsAreLocatedAndWordedLikeBuildKit(string text, string message)
    {
        var e = Assert.Throws<DockerfileException>(() => DockerfileParser.Parse(text));

        Assert.Equal(message, e.Message);
        Assert.Equal(1, e.ExitCode);
    }

    [Theory]
    [InlineData("a.b-c_d9", true)]
    [InlineData("Build", true)]
    [InlineData("a/b", false)]
    [InlineData("-a", false)]
    [InlineData("é", false)]
    public void StageNamesFollowBuildKitsPattern(string name, bool valid)
    {
        string text = $"FROM scratch AS {name}\n";
        if (valid)
        {
            Assert.Equal(name.ToLowerInvariant(), DockerfileParser.Parse(text).Stages[0].Name);
        }
        else
        {
            var e = Assert.Throws<DockerfileException>(() => DockerfileParser.Parse(text));
            Assert.Contains("invalid name for build stage", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MisspeltInstructionFarFromAnyGetsNoSuggestion()
    {
        var e = Assert.Throws<DockerfileException>(() => DockerfileParser.Parse("FROM a\nXYZZY b\n"));

        Assert.Equal("Dockerfile:2:1: unknown instruction: XYZZY", e.Message);
        Assert.Equal(DockerfileErrorCodes.UnknownInstruction, e.Code);
    }
}

using Drydock.Parser.Expansion;
using Drydock.Parser.Instructions;

namespace Drydock.Parser.Tests.Expansion;

public sealed class InstructionExpanderTests
{
    private static readonly PlatformArgs s_platforms = new("linux/arm/v7", "linux/amd64");

    /// <summary>Walks every stage as the build does and returns the expanded instructions of the last one.</summary>
    private static (List<ExpandedInstruction> Steps, FromInstruction From, VariableScope Scope) Walk(string text, Dictionary<string, string>? buildArgs = null, string stage = "")
    {
        Dockerfile df = DockerfileParser.Parse(text);
        var global = VariableScope.CreateGlobal(df, buildArgs ?? [], s_platforms);
        Stage target = stage.Length == 0 ? df.Stages[^1] : df.FindStage(stage)!;
        var from = (FromInstruction)InstructionExpander.Expand(target.From, global).Instruction;
        VariableScope scope = global.ForStage([new("PATH", "/usr/bin")]);
        var steps = new List<ExpandedInstruction>();
        foreach (Instruction i in target.Instructions)
        {
            ExpandedInstruction e = InstructionExpander.Expand(i, scope);
            scope.Apply(e.Instruction);
            steps.Add(e);
        }
        return (steps, from, scope);
    }

    [Fact]
    public void GlobalArgsReachFromLinesOnlyUntilRedeclared()
    {
        var (steps, from, _) = Walk("ARG V=3.19\nARG IMG=alpine:$V\nFROM --platform=$TARGETPLATFORM $IMG\nRUN echo $V\nWORKDIR /$V\nARG V\nWORKDIR /$V\n");

        Assert.Equal("alpine:3.19", from.BaseName);
        Assert.Equal("linux/arm/v7", from.Platform);
        Assert.Equal("echo $V", Assert.IsType<RunInstruction>(steps[0].Instruction).CommandLine[0]);
        Assert.Equal("/", Assert.IsType<WorkdirInstruction>(steps[1].Instruction).Path);
        Assert.Equal(["V"], steps[1].Unmatched);
        Assert.Equal("/3.19", Assert.IsType<WorkdirInstruction>(steps[3].Instruction).Path);
        Assert.Equal(["V"], steps[3].UsedArgs);
    }

    [Fact]
    public void BuildArgOverridesDefaultAndIsReportedAsUsed()
    {
        var (steps, _, scope) = Walk("FROM a\nARG N=1\nUSER u$N\n", new() { ["N"] = "7", ["UNUSED"] = "x" });

        Assert.Equal("u7", Assert.IsType<UserInstruction>(steps[1].Instruction).User);
        Assert.Equal(["N"], steps[1].UsedArgs);
        Assert.Equal(VariableOrigin.BuildArg, scope.OriginOf("N"));
        Assert.Equal(["UNUSED"], scope.UnconsumedBuildArgs());
    }

    [Fact]
    public void EnvOverridesArgAndOneInstructionSeesThePreviousValues()
    {
        var (steps, _, scope) = Walk("FROM a\nARG X=arg\nENV X=env Y=$X\nLABEL l=$X:$PATH\n");

        var env = Assert.IsType<EnvInstruction>(steps[1].Instruction);
        Assert.Equal([new("X", "env"), new("Y", "arg")], env.Pairs);
        Assert.Equal([new("l", "env:/usr/bin")], Assert.IsType<LabelInstruction>(steps[2].Instruction).Pairs);
        Assert.Empty(steps[2].UsedArgs);
        Assert.Equal([new("PATH", "/usr/bin"), new("X", "env"), new("Y", "arg")], scope.ImageEnv);
    }

    [Fact]
    public void AutomaticPlatformArgsNeedDeclaringInAStage()
    {
        var (steps, _, _) = Walk("FROM a\nUSER $TARGETARCH\nARG TARGETARCH TARGETVARIANT BUILDOS\nUSER $TARGETARCH-$TARGETVARIANT-$BUILDOS\n");

        Assert.Equal("", Assert.IsType<UserInstruction>(steps[0].Instruction).User);
        Assert.Equal("arm-v7-linux", Assert.IsType<UserInstruction>(steps[2].Instruction).User);
    }

    [Fact]
    public void ProxyArgsReachRunWithoutDeclaration()
    {
        var (_, _, scope) = Walk("FROM a\nARG A=1\nRUN env\n", new() { ["HTTP_PROXY"] = "http://p", ["A"] = "2" });

        Assert.Contains(new KeyValuePair<string, string>("HTTP_PROXY", "http://p"), scope.RunEnvironment());
        Assert.Contains(new KeyValuePair<string, string>("A", "2"), scope.RunEnvironment());
        Assert.True(scope.IsUndeclaredProxy("HTTP_PROXY"));
        Assert.DoesNotContain("HTTP_PROXY", scope.UnconsumedBuildArgs());
    }

    [Fact]
    public void CopyFlagsSourcesAndHeredocsExpandButRunDoesNot()
    {
        var (steps, _, _) = Walk(
            "FROM a\nARG S=src D=/dst F=build O=1000\nCOPY --from=$F --chown=$O:$O --chmod=${M:-0755} --exclude=$S/*.md $S/a \"$D\"/\n" +
            "COPY <<EOF <<'RAW' /x\nv=\"$S\"\nEOF\nv=$S\nRAW\nRUN --mount=type=cache,target=/c/$S echo $S\nCMD echo $S\n");

        var copy = Assert.IsType<CopyInstruction>(steps[1].Instruction);
        Assert.Equal(("build", "1000:1000", "0755"), (copy.From, copy.Chown, copy.Chmod));
        Assert.Equal(["src/*.md"], copy.Excludes);
        Assert.Equal(["src/a"], copy.Sources);
        Assert.Equal("/dst/", copy.Destination);
        var heredocs = Assert.IsType<CopyInstruction>(steps[2].Instruction);
        Assert.Equal("v=\"src\"\n", heredocs.SourceContents[0].Data);
        Assert.Equal("v=$S\n", heredocs.SourceContents[1].Data);
        var run = Assert.IsType<RunInstruction>(steps[3].Instruction);
        Assert.Equal("/c/src", Assert.Single(run.Mounts).Target);
        Assert.Equal("echo $S", run.CommandLine[0]);
        Assert.Equal("echo $S", Assert.IsType<CmdInstruction>(steps[4].Instruction).CommandLine[0]);
    }

    [Fact]
    public void ExposeSplitsExpandedWordsAndEscapeDirectiveApplies()
    {
        var (steps, _, _) = Walk("# escape=`\nFROM a\nARG P=\"80 443\"\nEXPOSE $P 8080\nUSER `$P\n");

        Assert.Equal(["80", "443", "8080"], Assert.IsType<ExposeInstruction>(steps[1].Instruction).Ports);
        Assert.Equal("$P", Assert.IsType<UserInstruction>(steps[2].Instruction).User);
    }

    [Fact]
    public void ExpansionErrorIsLocated()
    {
        var e = Assert.Throws<DockerfileException>(() => Walk("FROM a\n\nWORKDIR ${NOPE:?must be set}\n"));

        Assert.StartsWith("Dockerfile:3: failed to process \"${NOPE:?must be set}\"", e.Message, StringComparison.Ordinal);
        Assert.Equal(DockerfileErrorCodes.Expansion, e.Code);
    }

    [Fact]
    public void GlobalArgDefaultsInheritWhenRedeclaredWithoutValue()
    {
        var (steps, _, _) = Walk("ARG G=global\nFROM a AS one\nARG G\nUSER $G\nFROM a AS two\nARG G=local\nUSER $G\n", stage: "one");

        Assert.Equal("global", Assert.IsType<UserInstruction>(steps[1].Instruction).User);
    }
}

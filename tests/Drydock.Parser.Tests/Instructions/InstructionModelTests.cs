using Drydock.Parser.Instructions;

namespace Drydock.Parser.Tests.Instructions;

public sealed class InstructionModelTests
{
    private static T Single<T>(string body) where T : Instruction =>
        Assert.IsType<T>(Assert.Single(DockerfileParser.Parse("FROM base\n" + body).Stages[0].Instructions));

    [Fact]
    public void RunMountsGetBuildKitDefaults()
    {
        RunInstruction run = Single<RunInstruction>(
            "RUN --mount=type=cache,target=/root/.cache,sharing=locked --mount=target=/src,rw --mount=type=secret,id=tok " +
            "--mount=type=ssh,required --mount=type=tmpfs,dst=/tmp,size=64m --mount=type=secret,target=/run/k,uid=1,gid=2,mode=0440 " +
            "--network=none --security=insecure make\n");

        Assert.Equal("none", run.Network);
        Assert.Equal("insecure", run.Security);
        Assert.Equal(6, run.Mounts.Count);
        RunMount cache = run.Mounts[0];
        Assert.Equal(MountType.Cache, cache.Type);
        Assert.Equal("/root/.cache", cache.Id);
        Assert.Equal(MountSharing.Locked, cache.Sharing);
        Assert.False(cache.ReadOnly);
        RunMount bind = run.Mounts[1];
        Assert.Equal(MountType.Bind, bind.Type);
        Assert.False(bind.ReadOnly);
        Assert.Equal("/src", bind.Target);
        RunMount secret = run.Mounts[2];
        Assert.Equal("/run/secrets/tok", secret.Target);
        Assert.Equal(Convert.ToUInt32("400", 8), secret.Mode);
        RunMount ssh = run.Mounts[3];
        Assert.Equal("default", ssh.Id);
        Assert.True(ssh.Required);
        Assert.Equal(64L << 20, run.Mounts[4].Size);
        RunMount keyed = run.Mounts[5];
        Assert.Equal("k", keyed.Id);
        Assert.Equal((1u, 2u, Convert.ToUInt32("440", 8)), (keyed.Uid!.Value, keyed.Gid!.Value, keyed.Mode!.Value));
    }

    [Fact]
    public void BindMountIsReadOnlyByDefault()
    {
        RunMount m = Assert.Single(Single<RunInstruction>("RUN --mount=from=build,source=/out,target=/in x\n").Mounts);

        Assert.True(m.ReadOnly);
        Assert.Equal("build", m.From);
        Assert.Equal("/out", m.Source);
    }

    [Fact]
    public void CopyAndAddCarryEveryFlag()
    {
        CopyInstruction copy = Single<CopyInstruction>("COPY --from=b --chown=1:2 --chmod=0644 --link --exclude=*.md --exclude=x --parents a b /d/\n");
        Assert.Equal(("b", "1:2", "0644", true, true), (copy.From, copy.Chown, copy.Chmod, copy.Link, copy.Parents));
        Assert.Equal(["*.md", "x"], copy.Excludes);
        Assert.Equal(["a", "b"], copy.Sources);

        AddInstruction add = Single<AddInstruction>("ADD --keep-git-dir --checksum=sha256:abc --unpack=false --link=false https://x/y.tar /d\n");
        Assert.Equal((true, "sha256:abc", false, false), (add.KeepGitDir, add.Checksum, add.Unpack, add.Link));
    }

    [Fact]
    public void JsonCopyKeepsSpacesInPaths()
    {
        CopyInstruction copy = Single<CopyInstruction>("COPY [\"a b\", \"/c d/\"]\n");

        Assert.True(copy.IsJson);
        Assert.Equal(["a b"], copy.Sources);
        Assert.Equal("/c d/", copy.Destination);
    }

    [Fact]
    public void HeredocsAttachToRunAndBecomeCopySources()
    {
        Dockerfile df = DockerfileParser.Parse("FROM a\nRUN <<EOF bash\necho 1\nEOF\nCOPY <<-A <<'B' /dst/\n\tone\n\tA\ntwo $x\nB\n");

        RunInstruction run = Assert.IsType<RunInstruction>(df.Stages[0].Instructions[0]);
        Heredoc h = Assert.Single(run.Heredocs);
        Assert.Equal(("EOF", "echo 1\n", true, false), (h.Name, h.Content, h.Expand, h.Chomp));
        Assert.Equal(["<<EOF bash"], run.CommandLine);
        Assert.Equal(2, run.Range.StartLine);
        Assert.Equal(4, run.Range.EndLine);
        CopyInstruction copy = Assert.IsType<CopyInstruction>(df.Stages[0].Instructions[1]);
        Assert.Empty(copy.Sources);
        Assert.Equal([new SourceContent("A", "one\n", true), new SourceContent("B", "two $x\n", false)], copy.SourceContents);
        Assert.Equal(9, copy.Range.EndLine);
    }

    [Fact]
    public void HealthcheckParsesDurationsAndForms()
    {
        HealthcheckInstruction shell = Single<HealthcheckInstruction>("HEALTHCHECK --interval=1m30s --timeout=500ms --start-period=2s --start-interval=1.5s --retries=4 CMD curl -f x\n");
        Assert.Equal(["CMD-SHELL", "curl -f x"], shell.Test);
        Assert.Equal(TimeSpan.FromSeconds(90), shell.Interval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), shell.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(2), shell.StartPeriod);
        Assert.Equal(TimeSpan.FromSeconds(1.5), shell.StartInterval);
        Assert.Equal(4, shell.Retries);

        Assert.Equal(["CMD", "a", "b"], Single<HealthcheckInstruction>("HEALTHCHECK CMD [\"a\", \"b\"]\n").Test);
        Assert.True(Single<HealthcheckInstruction>("HEALTHCHECK none\n").IsNone);
    }

    [Fact]
    public void ExecAndShellFormsAndJsonFallback()
    {
        CmdInstruction exec = Single<CmdInstruction>("CMD [\"a\", \"b c\"]\n");
        Assert.False(exec.PrependShell);
        Assert.Equal(["a", "b c"], exec.CommandLine);

        EntrypointInstruction fallback = Single<EntrypointInstruction>("ENTRYPOINT [\"a\" 'b']\n");
        Assert.True(fallback.PrependShell);
        Assert.Equal(["[\"a\" 'b']"], fallback.CommandLine);

        Assert.Equal(["pwsh", "-c"], Single<ShellInstruction>("SHELL [\"pwsh\", \"-c\"]\n").Shell);
    }

    [Fact]
    public void OnbuildKeepsTriggerExpressionWithHeredocs()
    {
        OnbuildInstruction onbuild = Single<OnbuildInstruction>("onbuild RUN <<EOF\necho hi\nEOF\n");

        Assert.Equal("RUN <<EOF\necho hi\nEOF", onbuild.Expression);
        RunInstruction trigger = Assert.IsType<RunInstruction>(onbuild.Trigger);
        Assert.Single(trigger.Heredocs);

        OnbuildInstruction copy = Single<OnbuildInstruction>("ONBUILD COPY --from=x a b\n");
        Assert.Equal("COPY --from=x a b", copy.Expression);
        Assert.Equal("x", Assert.IsType<CopyInstruction>(copy.Trigger).From);
    }

    [Fact]
    public void EnvLabelArgAndSimpleInstructions()
    {
        Dockerfile df = DockerfileParser.Parse("FROM a\nENV A=1 B=\"x y\"\nENV C legacy value\nLABEL k=v\nARG X Y=2\nEXPOSE 80/tcp 443\nVOLUME /a /b\nUSER u:g\nWORKDIR /w\nSTOPSIGNAL SIGKILL\nMAINTAINER me\n");
        var i = df.Stages[0].Instructions;

        var env = Assert.IsType<EnvInstruction>(i[0]);
        Assert.Equal([new("A", "1"), new("B", "\"x y\"")], env.Pairs);
        Assert.False(env.LegacyForm);
        var legacy = Assert.IsType<EnvInstruction>(i[1]);
        Assert.True(legacy.LegacyForm);
        Assert.Equal([new("C", "legacy value")], legacy.Pairs);
        Assert.Equal([new("k", "v")], Assert.IsType<LabelInstruction>(i[2]).Pairs);
        Assert.Equal([new ArgDefinition("X", null), new ArgDefinition("Y", "2")], Assert.IsType<ArgInstruction>(i[3]).Args);
        Assert.Equal(["80/tcp", "443"], Assert.IsType<ExposeInstruction>(i[4]).Ports);
        Assert.Equal(["/a", "/b"], Assert.IsType<VolumeInstruction>(i[5]).Volumes);
        Assert.Equal("u:g", Assert.IsType<UserInstruction>(i[6]).User);
        Assert.Equal("/w", Assert.IsType<WorkdirInstruction>(i[7]).Path);
        Assert.Equal("SIGKILL", Assert.IsType<StopSignalInstruction>(i[8]).Signal);
        Assert.Equal("me", Assert.IsType<MaintainerInstruction>(i[9]).Maintainer);
    }
}

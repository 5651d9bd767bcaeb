using System.Diagnostics;
using Drydock.Core;
using Drydock.Core.Images;
using Drydock.TestKit;

namespace Drydock.IntegrationTests.Build;

/// <summary>`drydock build` end to end, as root, offline from the busybox base.</summary>
public sealed class BuildTests(BuildFixture fixture) : IClassFixture<BuildFixture>
{
    private DrydockCli Cli => fixture.Cli;

    private async Task<ResolvedImage> ImageAsync(string name) => await ImageService.Open(new DrydockRoot(fixture.Root)).ResolveAsync(name);

    private async Task<DrydockCli.Result> BuildAsync(string context, params string[] args)
        => await Cli.OkAsync(["build", "--progress", "plain", .. args, context]);

    private async Task<string> RunAsync(string image, params string[] command)
        => (await Cli.OkAsync(["run", "--rm", image, .. command])).Stdout;

    [PrivilegedFact]
    public async Task Builds_runs_and_records_history_like_buildkit()
    {
        string ctx = fixture.Context(("Dockerfile", """
            FROM busybox
            ENV APP=demo
            WORKDIR /app
            COPY hello.txt ./
            RUN echo "built $APP" > /app/built.txt
            LABEL org.example.kind=test
            EXPOSE 8080
            USER app
            CMD ["cat", "/app/built.txt"]
            """), ("hello.txt", "hello\n"));
        await BuildAsync(ctx, "-t", "t-basic");
        Assert.Equal("built demo\n", await RunAsync("t-basic"));
        Assert.Equal("hello\n", await RunAsync("t-basic", "cat", "/app/hello.txt"));
        ResolvedImage image = await ImageAsync("t-basic");
        var config = image.Config.Config!;
        Assert.Equal("/app", config.WorkingDir);
        Assert.Equal("app", config.User);
        Assert.Contains("APP=demo", config.Env!);
        Assert.Equal("test", config.Labels!["org.example.kind"]);
        Assert.True(config.ExposedPorts!.ContainsKey("8080/tcp"));
        Assert.Equal(["cat", "/app/built.txt"], config.Cmd);
        var history = image.Config.History!.Skip(1).ToList();
        Assert.Equal(["ENV APP=demo", "WORKDIR /app", "COPY hello.txt ./ # buildkit", "RUN /bin/sh -c echo \"built $APP\" > /app/built.txt # buildkit",
            "LABEL org.example.kind=test", "EXPOSE map[8080/tcp:{}]", "USER app", "CMD [\"cat\" \"/app/built.txt\"]"], history.Select(h => h.CreatedBy));
        Assert.True(history[0].EmptyLayer);
        Assert.False(history[2].EmptyLayer);
        Assert.False(history[3].EmptyLayer);
        Assert.Equal(history.Count(h => !h.EmptyLayer) + 1, image.Config.RootFS.DiffIds.Count);
    }

    [PrivilegedFact]
    public async Task Rebuild_is_cached_with_the_same_image_id_and_a_changed_file_says_why()
    {
        string ctx = fixture.Context(("Dockerfile", "FROM busybox\nRUN echo base > /base\nCOPY src/ /src/\nRUN ls /src > /listing\n"),
            ("src/a", "1"), ("src/b", "2"), ("other.txt", "x"));
        await BuildAsync(ctx, "-t", "t-cache");
        Digest first = (await ImageAsync("t-cache")).Id;
        DrydockCli.Result again = await BuildAsync(ctx, "-t", "t-cache");
        Assert.Equal(3, CountOf(again.Stderr, "CACHED"));
        Assert.Equal(first, (await ImageAsync("t-cache")).Id);

        File.WriteAllText(Path.Combine(ctx, "other.txt"), "not a COPY source");
        Assert.Equal(3, CountOf((await BuildAsync(ctx, "-t", "t-cache")).Stderr, "CACHED"));

        File.WriteAllText(Path.Combine(ctx, "src/a"), "changed");
        string output = (await BuildAsync(ctx, "-t", "t-cache")).Stderr;
        Assert.Contains("cache miss: COPY source src/a changed", output);
        Assert.Contains("cache miss: parent step rebuilt", output);
        Assert.Equal(1, CountOf(output, "CACHED"));
    }

    [PrivilegedFact]
    public async Task Build_arg_change_is_explained_and_no_cache_reruns()
    {
        string ctx = fixture.Context(("Dockerfile", "FROM busybox\nARG VERSION=1\nRUN echo $VERSION > /version\n"));
        await BuildAsync(ctx, "-t", "t-args");
        Assert.Equal("1\n", await RunAsync("t-args", "cat", "/version"));
        string output = (await BuildAsync(ctx, "-t", "t-args", "--build-arg", "VERSION=2")).Stderr;
        Assert.Contains("cache miss: build arg VERSION changed", output);
        Assert.Equal("2\n", await RunAsync("t-args", "cat", "/version"));
        Assert.Contains("cache miss: --no-cache", (await BuildAsync(ctx, "-t", "t-args", "--build-arg", "VERSION=2", "--no-cache")).Stderr);
    }

    [PrivilegedFact]
    public async Task Independent_stages_run_in_parallel()
    {
        string ctx = fixture.Context(("Dockerfile", """
            FROM busybox AS a
            RUN sleep 2 && echo a > /a
            FROM busybox AS b
            RUN sleep 2 && echo b > /b
            FROM busybox AS c
            RUN sleep 2 && echo c > /c
            FROM busybox AS d
            RUN sleep 2 && echo d > /d
            FROM busybox
            COPY --from=a /a /out/a
            COPY --from=b /b /out/b
            COPY --from=c /c /out/c
            COPY --from=d /d /out/d
            """));
        var sw = Stopwatch.StartNew();
        await BuildAsync(ctx, "-t", "t-parallel");
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(6.5), $"4 independent 2 s stages took {sw.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal("a\nb\nc\nd\n", await RunAsync("t-parallel", "cat", "/out/a", "/out/b", "/out/c", "/out/d"));
    }

    [PrivilegedFact]
    public async Task Only_stages_the_target_needs_are_built()
    {
        string ctx = fixture.Context(("Dockerfile", """
            FROM busybox AS unused
            RUN exit 1
            FROM busybox AS base
            RUN echo base > /base
            FROM base AS final
            RUN cat /base > /final
            """));
        await BuildAsync(ctx, "-t", "t-target");
        Assert.Equal("base\n", await RunAsync("t-target", "cat", "/final"));
        await BuildAsync(ctx, "-t", "t-target-base", "--target", "base");
        Assert.NotEqual(0, (await Cli.RunAsync("run", "--rm", "t-target-base", "cat", "/final")).ExitCode);
    }

    [PrivilegedFact]
    public async Task A_failing_run_reports_command_exit_code_and_output_and_exits_1()
    {
        string ctx = fixture.Context(("Dockerfile", "FROM busybox\nRUN echo about to fail && exit 3\n"));
        DrydockCli.Result r = await Cli.RunAsync("build", "--progress", "plain", "-t", "t-fail", ctx);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("about to fail", r.Stderr);
        Assert.Contains("Dockerfile:2: RUN echo about to fail && exit 3: process \"/bin/sh -c echo about to fail && exit 3\" did not complete successfully: exit code: 3", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.NotEqual(0, (await Cli.RunAsync("inspect", "t-fail")).ExitCode);
    }

    [PrivilegedFact]
    public async Task An_interrupted_build_stops_its_step_exits_130_and_leaves_the_store_usable()
    {
        string ctx = fixture.Context(("Dockerfile", "FROM busybox\nRUN echo step-$((6*7)) && sleep 120\n"));
        using Process build = Cli.Start("build", "--progress", "plain", "-t", "t-interrupted", ctx);
        Task<string> stdout = build.StandardOutput.ReadToEndAsync();
        var seen = new System.Text.StringBuilder();
        using (var started = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            while (await build.StandardError.ReadLineAsync(started.Token) is { } line && seen.AppendLine(line) is not null && !line.EndsWith(" step-42", StringComparison.Ordinal))
            {
            }
        }
        Assert.Contains("step-42", seen.ToString());
        using (Process kill = Process.Start("kill", ["-INT", build.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        string rest = await build.StandardError.ReadToEndAsync();
        using (var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(30))) await build.WaitForExitAsync(stopped.Token);
        await stdout;
        Assert.Equal(130, build.ExitCode);
        Assert.Contains("drydock: interrupted", rest);
        Assert.NotEqual(0, (await Cli.RunAsync("inspect", "t-interrupted")).ExitCode);
        await BuildAsync(fixture.Context(("Dockerfile", "FROM busybox\nRUN echo after > /after\n")), "-t", "t-after-interrupt");
        Assert.Equal("after\n", await RunAsync("t-after-interrupt", "cat", "/after"));
    }

    [PrivilegedFact]
    public async Task Heredocs_become_files_and_a_shebang_script_runs_with_its_interpreter()
    {
        string ctx = fixture.Context(("Dockerfile", """
            FROM busybox
            ARG NAME=world
            COPY <<EOT /etc/greeting
            hello "$NAME"
            EOT
            COPY <<'A' <<B /multi/
            $NOT_EXPANDED
            A
            two
            B
            RUN <<EOS
            #!/bin/busybox sh
            echo "ran as $0 with NAME=$NAME" > /ran
            EOS
            """));
        await BuildAsync(ctx, "-t", "t-heredoc");
        Assert.Equal("hello \"world\"\n$NOT_EXPANDED\ntwo\nran as /dev/pipes/EOS with NAME=world\n",
            await RunAsync("t-heredoc", "cat", "/etc/greeting", "/multi/A", "/multi/B", "/ran"));
        Assert.Equal("644\n", await RunAsync("t-heredoc", "stat", "-c", "%a", "/etc/greeting"));
    }

    [PrivilegedFact]
    public async Task A_directory_of_many_files_is_copied_whole_with_its_modes()
    {
        var files = Enumerable.Range(0, 200).Select(i => ($"many/f{i:D3}", $"{i}\n")).ToList();
        string ctx = fixture.Context([("Dockerfile", "FROM busybox\nCOPY --chmod=0600 many /many/\n"), .. files]);
        await BuildAsync(ctx, "-t", "t-many");
        Assert.Equal("200\n199\n600\n", await RunAsync("t-many", "sh", "-c", "ls /many | wc -l; cat /many/f199; stat -c %a /many/f042"));
    }

    [PrivilegedFact]
    public async Task A_directory_copied_to_a_new_path_lands_as_through_the_mount()
    {
        // /gone existed in a lower layer and was removed; /kept exists; /link points to a directory: each COPY
        // below creates its destination afresh (written to the upper directory) or merges (through the mount)
        string ctx = fixture.Context(("Dockerfile", """
            FROM busybox
            RUN mkdir -p /gone /kept /real && echo old > /gone/old && echo old > /kept/old && ln -s /real /link
            RUN rm -rf /gone
            COPY --chown=7:8 tree /gone/
            COPY tree /kept/
            COPY tree /link/sub/
            COPY tree /new/deep/
            """), ("tree/a", "a\n"), ("tree/d/b", "b\n"));
        await BuildAsync(ctx, "-t", "t-fresh");
        Assert.Equal("a\nb\n7:8\n", await RunAsync("t-fresh", "sh", "-c", "ls /gone | tr '\\n' ' ' | grep -qx 'a d ' && cat /gone/a /gone/d/b; stat -c %u:%g /gone/d/b"));
        Assert.Equal("old\na\n", await RunAsync("t-fresh", "cat", "/kept/old", "/kept/a"));
        Assert.Equal("b\nb\n", await RunAsync("t-fresh", "cat", "/real/sub/d/b", "/new/deep/d/b"));
    }

    [PrivilegedFact]
    public async Task A_rebuilt_copy_takes_unchanged_files_from_its_last_result_and_the_changed_one_from_the_context()
    {
        // the RUN sees the COPY's snapshot through overlayfs, which shows a lower file's own inode number
        string ctx = fixture.Context(("Dockerfile", "FROM busybox\nCOPY --chmod=640 app /app/\nRUN stat -c %i /app/same /app/sub/also /app/edited /app/touched > /inodes\n"),
            ("app/same", "same\n"), ("app/sub/also", "also\n"), ("app/edited", "v1\n"), ("app/touched", "t\n"));
        await BuildAsync(ctx, "-t", "t-relink-a");
        File.WriteAllText(Path.Combine(ctx, "app/edited"), "v2\n");
        File.SetLastWriteTimeUtc(Path.Combine(ctx, "app/touched"), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        File.WriteAllText(Path.Combine(ctx, "app/added"), "new\n");
        await BuildAsync(ctx, "-t", "t-relink-b");

        Assert.Equal("same\nalso\nv2\nt\nnew\n640 1577836800\n", await RunAsync("t-relink-b", "sh", "-c",
            "cat /app/same /app/sub/also /app/edited /app/touched /app/added; stat -c '%a %Y' /app/touched"));
        // an unchanged file is a second name of the earlier copy's inode; what changed, in content or mtime, is a copy of its own
        string[] a = (await RunAsync("t-relink-a", "cat", "/inodes")).Split('\n'), b = (await RunAsync("t-relink-b", "cat", "/inodes")).Split('\n');
        Assert.Equal([true, true, false, false], a.Zip(b).Take(4).Select(p => p.First == p.Second));
    }

    [PrivilegedFact]
    public async Task A_missing_copy_source_names_the_line_and_the_file()
    {
        string ctx = fixture.Context(("Dockerfile", "FROM busybox\nCOPY missing.txt /x\n"));
        DrydockCli.Result r = await Cli.RunAsync("build", "--progress", "plain", ctx);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Dockerfile:2: COPY missing.txt /x: failed to compute cache key: \"/missing.txt\" not found", r.Stderr);
        Assert.Contains(">>> COPY missing.txt /x", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [PrivilegedFact]
    public async Task Copy_follows_docker_rules_for_globs_chown_chmod_and_dockerignore()
    {
        string ctx = fixture.Context(("Dockerfile", """
            FROM busybox
            COPY *.txt /texts/
            COPY --chown=app:app --chmod=0640 conf/ /etc/app/
            COPY one.txt /renamed
            COPY --exclude=*.log logs /logs/
            """), ("one.txt", "1"), ("two.txt", "2"), ("secret.txt", "s"), ("conf/app.conf", "c"), ("logs/keep.out", "k"), ("logs/drop.log", "d"),
            (".dockerignore", "secret.txt\n"));
        await BuildAsync(ctx, "-t", "t-copy");
        Assert.Equal("one.txt\ntwo.txt\n", await RunAsync("t-copy", "ls", "/texts"));
        Assert.Equal("1000:1000 640\n", await RunAsync("t-copy", "stat", "-c", "%u:%g %a", "/etc/app/app.conf"));
        Assert.Equal("1", await RunAsync("t-copy", "cat", "/renamed"));
        Assert.Equal("keep.out\n", await RunAsync("t-copy", "ls", "/logs"));
    }

    [PrivilegedFact]
    public async Task Secrets_reach_the_run_but_no_layer_or_history()
    {
        string secret = fixture.Scratch("secret");
        File.WriteAllText(secret, "top-secret-value");
        string ctx = fixture.Context(("Dockerfile", "FROM busybox\nRUN --mount=type=secret,id=tok cat /run/secrets/tok | wc -c > /len && ls /run/secrets\n"));
        await BuildAsync(ctx, "-t", "t-secret", "--secret", $"id=tok,src={secret}");
        Assert.Equal("16\n", (await RunAsync("t-secret", "cat", "/len")).TrimStart());
        Assert.NotEqual(0, (await Cli.RunAsync("run", "--rm", "t-secret", "cat", "/run/secrets/tok")).ExitCode);
        string saved = fixture.Scratch("saved") + ".tar";
        await Cli.OkAsync("save", "-o", saved, "t-secret");
        Assert.DoesNotContain("top-secret-value", System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(saved)));
    }

    [PrivilegedFact]
    public async Task Cache_mounts_persist_between_builds()
    {
        string ctx = fixture.Context(("Dockerfile", "FROM busybox\nRUN --mount=type=cache,target=/c,id=t-counter sh -c 'echo x >> /c/log; wc -l < /c/log > /count'\n"));
        await BuildAsync(ctx, "-t", "t-cachemount");
        await BuildAsync(ctx, "-t", "t-cachemount", "--no-cache");
        Assert.Equal("2", (await RunAsync("t-cachemount", "cat", "/count")).Trim());
    }

    [PrivilegedFact]
    public async Task Source_date_epoch_gives_identical_manifests_on_two_roots()
    {
        string ctx = fixture.Context(("Dockerfile", "FROM busybox\nCOPY f /f\nRUN echo x > /x\n"), ("f", "content"));
        string iid1 = fixture.Scratch("iid"), iid2 = fixture.Scratch("iid");
        // the same base in both roots, as a CI fleet pulls it
        var other = new DrydockCli(fixture.Scratch("root2"));
        string baseArchive = fixture.Scratch("busybox") + ".tar";
        await Cli.OkAsync("save", "-o", baseArchive, "busybox");
        await other.OkAsync("load", "-i", baseArchive);
        await other.OkAsync("build", "--build-arg", "SOURCE_DATE_EPOCH=1700000000", "-t", "t-repro", "--metadata-file", iid2, ctx);
        await Cli.OkAsync("build", "--build-arg", "SOURCE_DATE_EPOCH=1700000000", "-t", "t-repro", "--metadata-file", iid1, ctx);
        string a = File.ReadAllText(iid1), b = File.ReadAllText(iid2);
        Assert.Contains("containerimage.digest", a);
        Assert.Equal(a, b);
    }

    [PrivilegedFact]
    public async Task Overlay_and_native_snapshotters_build_the_same_image()
    {
        string ctx = fixture.Context(("Dockerfile", "FROM busybox\nCOPY f /srv/f\nRUN mkdir -p /srv/d && echo x > /srv/d/x && rm /etc/group\n"), ("f", "content"));
        string meta1 = fixture.Scratch("meta"), meta2 = fixture.Scratch("meta");
        var native = new DrydockCli(fixture.Scratch("root-native"));
        string baseArchive = fixture.Scratch("busybox") + ".tar";
        await Cli.OkAsync("save", "-o", baseArchive, "busybox");
        await native.OkAsync("--snapshotter", "native", "load", "-i", baseArchive);
        await native.OkAsync("--snapshotter", "native", "build", "--build-arg", "SOURCE_DATE_EPOCH=1700000000", "-t", "t-drivers", "--metadata-file", meta2, ctx);
        await Cli.OkAsync("build", "--build-arg", "SOURCE_DATE_EPOCH=1700000000", "-t", "t-drivers", "--metadata-file", meta1, ctx);
        Assert.Equal(File.ReadAllText(meta1), File.ReadAllText(meta2));
        DrydockCli.Result run = await native.OkAsync("--snapshotter", "native", "run", "--rm", "t-drivers", "cat", "/srv/d/x");
        Assert.Equal("x\n", run.Stdout);
    }

    [PrivilegedFact]
    public async Task Deep_layer_chains_build_and_run_beyond_a_page_of_mount_options()
    {
        // each RUN mounts one more lowerdir: past ~50 layers under this root the overlay options exceed 4096 bytes
        const int Steps = 64;
        string dockerfile = "FROM busybox\n" + string.Concat(Enumerable.Range(0, Steps).Select(i => $"RUN echo {i} > /f{i}\n"));
        await BuildAsync(fixture.Context(("Dockerfile", dockerfile)), "-t", "t-deep");
        Assert.Equal($"0\n{Steps - 1}\n", await RunAsync("t-deep", "cat", "/f0", $"/f{Steps - 1}"));
    }

    [PrivilegedFact]
    public async Task Context_and_dockerfile_can_come_from_stdin()
    {
        byte[] dockerfile = System.Text.Encoding.UTF8.GetBytes("FROM busybox\nRUN echo from-stdin > /s\n");
        DrydockCli.Result r = await Cli.RunWithInputAsync(dockerfile, "build", "--progress", "plain", "-t", "t-stdin", "-");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("from-stdin\n", await RunAsync("t-stdin", "cat", "/s"));
    }

    [PrivilegedFact]
    public async Task Usage_errors_exit_2_and_bad_dockerfiles_name_the_line()
    {
        string ctx = fixture.Context(("Dockerfile", "FROM busybox\nRUNN echo\n"));
        DrydockCli.Result r = await Cli.RunAsync("build", "-t", "t-bad", ctx);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("Dockerfile:2", r.Stderr);
        Assert.Equal(2, (await Cli.RunAsync("build", "--output", "type=registry", ctx)).ExitCode);
        DrydockCli.Result missing = await Cli.RunAsync("build", fixture.Context(("Dockerfile", "FROM nosuchbase\n")));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("'nosuchbase' is not in the local store", missing.Stderr);
    }

    // a context changed within the last second is not remembered: file times come from a coarse clock
    private static Task SettleAsync() => Task.Delay(1100);

    private const string Remembered = "replay remembered build";

    [PrivilegedFact]
    public async Task An_unchanged_rebuild_is_remembered_and_any_change_builds_again()
    {
        string ctx = fixture.Context(("Dockerfile", "FROM busybox\nCOPY a.txt /a.txt\nRUN cat /a.txt > /copy\n"), ("a.txt", "one"));
        string iid = Path.Combine(ctx, "..", Path.GetFileName(ctx) + ".iid");
        await SettleAsync();
        await BuildAsync(ctx, "-t", "t-memo");
        Digest first = (await ImageAsync("t-memo")).Id;
        DrydockCli.Result again = await BuildAsync(ctx, "--debug", "-t", "t-memo", "-t", "t-memo:second", "--iidfile", iid);
        Assert.Contains(Remembered, again.Stderr);
        Assert.Equal(2, CountOf(again.Stderr, "CACHED"));
        Assert.Contains("naming to docker.io/library/t-memo:second", again.Stderr);
        Assert.Equal(first, (await ImageAsync("t-memo:second")).Id);
        Assert.Equal(first.ToString(), File.ReadAllText(iid));

        File.WriteAllText(Path.Combine(ctx, "a.txt"), "two"); // at once: within the same clock tick as the build before
        Assert.DoesNotContain(Remembered, (await BuildAsync(ctx, "--debug", "-t", "t-memo")).Stderr);
        Assert.Equal("two", await RunAsync("t-memo", "cat", "/copy"));

        await SettleAsync();
        await BuildAsync(ctx, "-t", "t-memo");
        Assert.Contains(Remembered, (await BuildAsync(ctx, "--debug", "-t", "t-memo")).Stderr);
        Assert.DoesNotContain(Remembered, (await BuildAsync(ctx, "--debug", "-t", "t-memo", "--build-arg", "X=1")).Stderr);
        await Cli.OkAsync("builder", "prune", "-f");
        Assert.DoesNotContain(Remembered, (await BuildAsync(ctx, "--debug", "-t", "t-memo")).Stderr);
    }

    [PrivilegedFact]
    public async Task A_remembered_build_is_not_reused_once_its_base_points_elsewhere()
    {
        await Cli.OkAsync("tag", "busybox", "t-memo-base");
        string ctx = fixture.Context(("Dockerfile", "FROM t-memo-base\nRUN ls / > /listing\n"));
        await SettleAsync();
        await BuildAsync(ctx, "-t", "t-memo-child");
        Assert.Contains(Remembered, (await BuildAsync(ctx, "--debug", "-t", "t-memo-child")).Stderr);
        await BuildAsync(fixture.Context(("Dockerfile", "FROM busybox\nRUN touch /marker\n")), "-t", "t-memo-base");
        Assert.DoesNotContain(Remembered, (await BuildAsync(ctx, "--debug", "-t", "t-memo-child")).Stderr);
        Assert.Contains("marker", await RunAsync("t-memo-child", "cat", "/listing"));
    }

    [PrivilegedFact]
    public async Task A_build_that_bind_mounts_the_context_is_never_remembered()
    {
        // the mount sees what .dockerignore leaves out, which the context fingerprint does not cover
        string ctx = fixture.Context(("Dockerfile", "FROM busybox\nRUN --mount=type=bind,target=/ctx cat /ctx/ignored/a > /seen\n"),
            (".dockerignore", "ignored\n"), ("ignored/a", "one"));
        await SettleAsync();
        await BuildAsync(ctx, "-t", "t-memo-bind");
        Assert.DoesNotContain(Remembered, (await BuildAsync(ctx, "--debug", "-t", "t-memo-bind")).Stderr);
    }

    private static int CountOf(string text, string word) => text.Split('\n').Count(l => l.EndsWith(" " + word, StringComparison.Ordinal));
}

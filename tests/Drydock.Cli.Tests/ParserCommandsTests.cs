using System.Diagnostics;
using System.Runtime.CompilerServices;
using Drydock.TestKit;

namespace Drydock.Cli.Tests;

/// <summary><c>drydock debug ast</c> and <c>drydock check</c> through the built binary, as users and the
/// BuildKit-case harness run them.</summary>
public sealed class ParserCommandsTests : IDisposable
{
    private readonly TempDir _dir = new("drydock-cli-parser");

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir.Path, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<DrydockCli.Result> DrydockAsync(params string[] args) => new DrydockCli(_dir.Path).RunAsync(args);

    /// <summary>../shared/testdata/buildkit-parser, found from the binaries or, when built elsewhere, this source file.</summary>
    private static string TestData(string relative, [CallerFilePath] string sourceFile = "")
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Builder.sln")))
                    return Path.Combine(dir.FullName, "..", "shared", "testdata", "buildkit-parser", relative);
            }
        }
        throw new InvalidOperationException($"no Builder.sln above '{AppContext.BaseDirectory}' or '{sourceFile}'");
    }

    [Fact]
    public async Task A_misspelt_flag_is_named_and_exits_2()
    {
        var r = await DrydockAsync("build", "--bogus", ".");

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("drydock: unknown flag: --bogus\nSee 'drydock build --help'.", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_ast_prints_the_dump_and_exits_0()
    {
        string path = Write("Dockerfile", "FROM a AS b\nRUN echo \"hi\" \\\n  there\nCOPY --from=b x y\n");

        var r = await DrydockAsync("debug", "ast", path);

        Assert.Equal(new DrydockCli.Result(0, "(from \"a\" \"AS\" \"b\")\n(run \"echo \\\"hi\\\"   there\")\n(copy [\"--from=b\"] \"x\" \"y\")\n", ""), r);
    }

    [Fact]
    public async Task Debug_ast_accepts_the_file_through_f()
    {
        string path = Write("sub/app.Dockerfile", "FROM a\n");

        var r = await DrydockAsync("debug", "ast", "-f", path);

        Assert.Equal((0, "(from \"a\")\n"), (r.ExitCode, r.Stdout));
    }

    [Fact]
    public async Task Debug_ast_matches_every_buildkit_case()
    {
        foreach (string dir in Directory.GetDirectories(TestData("testfiles")))
        {
            var r = await DrydockAsync("debug", "ast", Path.Combine(dir, "Dockerfile"));
            Assert.Equal((0, File.ReadAllText(Path.Combine(dir, "result"))), (r.ExitCode, r.Stdout));
        }
    }

    [Fact]
    public async Task Debug_ast_fails_with_a_located_one_line_error()
    {
        string path = Write("Dockerfile", "FROM alpine\nRUN <<EOF\necho never\n");

        var r = await DrydockAsync("debug", "ast", path);

        Assert.Equal(new DrydockCli.Result(1, "", "Error: Dockerfile:2:5: unterminated heredoc <<EOF started here\n"), r);
    }

    [Fact]
    public async Task Debug_ast_of_a_missing_file_fails()
    {
        var r = await DrydockAsync("debug", "ast", Path.Combine(_dir.Path, "nope"));

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("no such file or directory", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_ast_rejects_file_given_twice()
    {
        string path = Write("Dockerfile", "FROM a\n");

        var r = await DrydockAsync("debug", "ast", "-f", path, path);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("either as FILE or with -f", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_ast_time_reports_parse_and_expand()
    {
        string path = Write("Dockerfile", "ARG V=1\nFROM a:$V\nENV X=$V\nRUN echo $X\n");

        var r = await DrydockAsync("debug", "ast", "--time", path);

        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^parsed and expanded 4 instructions in [0-9.]+ ms \(first run: [0-9.]+ MiB allocated, 0 collections\), [0-9.]+ ms \(second run\)\n$", r.Stderr);
    }

    [Fact]
    public async Task A_large_dockerfile_parses_without_a_collection_of_its_live_tree()
    {
        var text = new System.Text.StringBuilder("ARG V=1\nFROM busybox\nENV X=$V\n");
        for (int i = 0; i < 10_000; i++) text.Append("RUN echo step ").Append(i).Append(" $X ${V:-none} && true\n");
        string path = Write("Dockerfile", text.ToString());

        var r = await DrydockAsync("debug", "ast", "--time", path);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("MiB allocated, 0 collections)", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_prints_warnings_with_lines_and_exits_0()
    {
        Write("Dockerfile", "FROM alpine as build\nENV A b\n");

        var r = await DrydockAsync("check", _dir.Path);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(
            "WARNING: FromAsCasing - https://docs.docker.com/go/dockerfile/rule/from-as-casing/\n" +
            "Dockerfile:1: 'as' and 'FROM' keywords' casing do not match\n\n" +
            "WARNING: LegacyKeyValueFormat - https://docs.docker.com/go/dockerfile/rule/legacy-key-value-format/\n" +
            "Dockerfile:2: \"ENV key=value\" should be used instead of legacy \"ENV key value\" format\n\n" +
            "Check complete, 2 warnings have been found!\n", r.Stdout);
    }

    [Fact]
    public async Task Check_with_error_true_exits_1()
    {
        string path = Write("ci.Dockerfile", "# check=error=true\nFROM a\nMAINTAINER me\n");

        var r = await DrydockAsync("check", "-f", path);

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Check complete, 1 warning has been found!", r.Stdout, StringComparison.Ordinal);
        Assert.Equal("Error: ci.Dockerfile:3: lint violation found for rules: MaintainerDeprecated\n", r.Stderr);
    }

    [Fact]
    public async Task Check_of_a_clean_file_says_so()
    {
        Write("Dockerfile", "FROM a\nCMD [\"x\"]\n");

        var r = await DrydockAsync("check", _dir.Path);

        Assert.Equal((0, "Check complete, no warnings found.\n"), (r.ExitCode, r.Stdout));
    }

    [Fact]
    public async Task Check_of_an_invalid_file_fails_located()
    {
        Write("Dockerfile", "FROM a\nRUNN x\n");

        var r = await DrydockAsync("check", _dir.Path);

        Assert.Equal((1, "Error: Dockerfile:2:1: unknown instruction: RUNN (did you mean RUN?)\n"), (r.ExitCode, r.Stderr));
    }
}

using Drydock.TestKit;

namespace Drydock.Cli.Tests;

/// <summary>Flags every command takes, as docker takes its own.</summary>
public sealed class GlobalFlagsTests : IDisposable
{
    private readonly TempDir _root = new("drydock-global");

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("--version")]
    [InlineData("--debug", "--version")]
    [InlineData("--version", "--snapshotter=native")]
    public async Task Version_prints_beside_global_flags(params string[] args)
    {
        // DrydockCli always passes --root: `drydock --root DIR --version`, like `docker --config DIR --version`
        DrydockCli.Result r = await new DrydockCli(_root.Path).RunAsync(args);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("0.1.0", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_beside_a_command_is_still_a_usage_error()
    {
        DrydockCli.Result r = await new DrydockCli(_root.Path).RunAsync("images", "--version");
        Assert.Equal(2, r.ExitCode);
    }

    private static readonly string[] s_commands =
        ["debug", "check", "image", "images", "tag", "rmi", "inspect", "history", "save", "load", "pull", "import", "system", "run", "ps", "stop", "kill", "rm", "logs", "build", "builder"];

    [Fact]
    public async Task Help_lists_every_command()
    {
        DrydockCli.Result r = await new DrydockCli(_root.Path).RunAsync("--help");
        Assert.Equal(0, r.ExitCode);
        foreach (string name in s_commands) Assert.Matches($@"(?m)^\s+{name}\s", r.Stdout);
    }

    [Fact]
    public async Task Unknown_command_is_a_usage_error_that_names_it()
    {
        DrydockCli.Result r = await new DrydockCli(_root.Path).RunAsync("biuld", ".");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("biuld", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("build", "--help")]
    [InlineData("build", "-h")]
    [InlineData("run", "-?")]
    public async Task Help_of_a_command_shows_its_usage_and_the_help_flag(params string[] args)
    {
        DrydockCli.Result r = await new DrydockCli(_root.Path).RunAsync(args);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"drydock {args[0]}", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("-h, --help", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggest_directive_completes_command_names()
    {
        // a directive comes first, before --root: started directly, not through DrydockCli
        var start = new System.Diagnostics.ProcessStartInfo(DrydockCli.Executable) { RedirectStandardOutput = true };
        start.ArgumentList.Add("[suggest]");
        start.ArgumentList.Add("bu");
        using System.Diagnostics.Process p = System.Diagnostics.Process.Start(start)!;
        string stdout = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.Equal(0, p.ExitCode);
        Assert.Equal(["build", "builder"], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("bu", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(true, "--help")]
    [InlineData(true, "build", "-h")]
    [InlineData(true, "/?")]
    [InlineData(true, "run", "-ih", "busybox")]
    [InlineData(true, "[suggest]", "bu")]
    [InlineData(false, "build", "-t", "app", ".")]
    [InlineData(false, "run", "--rm", "-it", "busybox", "sh")]
    [InlineData(false, "--version")]
    public void Only_command_lines_that_may_ask_for_help_get_the_full_root(bool expected, params string[] args)
        => Assert.Equal(expected, CliRoot.MayAskForHelp(args));

    [Fact]
    public void Each_command_group_names_exactly_the_commands_it_adds()
    {
        var all = new List<string>();
        foreach (CliRoot.CommandGroup group in CliRoot.Groups)
        {
            var root = new System.CommandLine.Command("drydock");
            group.AddTo(root);
            Assert.Equal(group.Names.Order(StringComparer.Ordinal), root.Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal));
            all.AddRange(group.Names);
        }
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("build", "build", "-t", "x", ".")]
    [InlineData("images", "--debug", "--root", "/r", "images")]
    [InlineData("run", "--root=/r", "-D", "run", "busybox")]
    [InlineData(null, "--version")]
    [InlineData(null, "--unknown", "build")]
    [InlineData(null)]
    public void The_command_name_is_the_first_word_after_the_global_flags(string? expected, params string[] args)
        => Assert.Equal(expected, CliRoot.CommandName(args));

    [Fact]
    public void A_line_naming_one_command_gets_only_its_group()
    {
        System.CommandLine.Command root = CliRoot.Build(["build", "."]);
        Assert.Contains(root.Subcommands, c => c.Name == "build");
        Assert.DoesNotContain(root.Subcommands, c => c.Name == "images");
        Assert.DoesNotContain(root.Options, o => o is System.CommandLine.VersionOption or System.CommandLine.Help.HelpOption);
        Assert.Equal(CliRoot.Groups.Sum(g => g.Names.Length), CliRoot.Build(["biuld"]).Subcommands.Count);
    }
}

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
}

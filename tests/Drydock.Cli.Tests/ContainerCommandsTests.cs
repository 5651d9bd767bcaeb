using System.Diagnostics;
using Drydock.TestKit;

namespace Drydock.Cli.Tests;

/// <summary>
/// The container commands' command line through the built binary: docker's exit codes and one-line errors
/// for bad flags, and what works on an empty store. Running containers is covered end to end in
/// Drydock.Containers.Tests.
/// </summary>
public sealed class ContainerCommandsTests : IDisposable
{
    private readonly TempDir _root = new("drydock-cli-containers");

    public void Dispose() => _root.Dispose();

    private Task<DrydockCli.Result> DrydockAsync(params string[] args) => new DrydockCli(_root.Path).RunAsync(args);

    [Theory]
    [InlineData("unknown flag: --bogus", "run", "--bogus", "busybox")]
    [InlineData("network mode 'bridge' is not supported", "run", "--network", "bridge", "busybox")]
    [InlineData("invalid size: 'lots'", "run", "--memory", "lots", "busybox")]
    [InlineData("'drydock run' requires at least 1 argument", "run", "--rm")]
    [InlineData("invalid capability 'CAP_MAGIC'", "run", "--cap-add", "CAP_MAGIC", "busybox")]
    [InlineData("No such image: no-such-image", "run", "--rm", "no-such-image")]
    [InlineData("No such image: img1\n", "run", "--rm=true", "img1")]
    [InlineData("No such image: img2\n", "run", "-it", "--name=x", "-e", "A=B", "img2", "echo", "-t", "--rm")]
    [InlineData("No such image: img3\n", "run", "--", "img3", "-d")]
    public async Task Run_failures_exit_125_with_one_line(string message, params string[] args)
    {
        var (exit, stdout, stderr) = await DrydockAsync(args);
        Assert.Equal(125, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith("Error: ", stderr, StringComparison.Ordinal);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Run_help_says_network_none_is_the_default_until_a_bridge_exists()
    {
        var (exit, stdout, _) = await DrydockAsync("run", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("the default until Drydock has a bridge", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ps_on_an_empty_store_prints_dockers_header()
    {
        var (exit, stdout, _) = await DrydockAsync("ps", "-a");
        Assert.Equal(0, exit);
        Assert.Equal("CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n", stdout);
        Assert.Equal("", (await DrydockAsync("ps", "-q")).Stdout);
    }

    [Theory]
    [InlineData("logs", "nope")]
    [InlineData("stop", "nope")]
    [InlineData("kill", "nope")]
    [InlineData("rm", "nope")]
    public async Task Commands_on_a_missing_container_say_so(params string[] args)
    {
        var (exit, _, stderr) = await DrydockAsync(args);
        Assert.Equal(1, exit);
        Assert.Equal("Error: No such container: nope\n", stderr);
    }

    [Fact]
    public async Task Rm_force_of_a_missing_container_is_not_an_error()
        => Assert.Equal(0, (await DrydockAsync("rm", "-f", "nope")).ExitCode);

    [Fact]
    public async Task Kill_refuses_an_unknown_signal()
    {
        var (exit, _, stderr) = await DrydockAsync("kill", "-s", "SIGNOPE", "x");
        Assert.NotEqual(0, exit);
        Assert.Equal("Error: invalid signal: SIGNOPE\n", stderr);
    }
}

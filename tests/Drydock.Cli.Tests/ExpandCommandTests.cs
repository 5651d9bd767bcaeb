using System.Text;
using Drydock.TestKit;

namespace Drydock.Cli.Tests;

/// <summary><c>drydock debug expand</c> run as a user (or the shell-case harness) runs it: the executable,
/// variables on stdin.</summary>
public sealed class ExpandCommandTests : IDisposable
{
    private readonly TempDir _root = new("drydock-expand");

    [Fact]
    public async Task Word_mode_prints_the_expansion_and_a_newline()
    {
        var r = await RunAsync("PWD=/home\n", "debug", "expand", "word", "--", "he${XXX:-$PWD}xx");
        Assert.Equal((0, "he/homexx\n"), (r.ExitCode, r.Stdout));
    }

    [Fact]
    public async Task Words_mode_prints_one_word_per_line()
    {
        var r = await RunAsync("leading=  ab c\n", "debug", "expand", "words", "--", "hello${leading}def \"a  b\"");
        Assert.Equal((0, "hello\nab\ncdef\na  b\n"), (r.ExitCode, r.Stdout));
    }

    [Fact]
    public async Task Later_stdin_lines_win_and_values_keep_trailing_spaces()
    {
        var r = await RunAsync("A=1\nA=ab c   \r\n\n", "debug", "expand", "word", "[$A]");
        Assert.Equal((0, "[ab c   ]\n"), (r.ExitCode, r.Stdout));
    }

    [Fact]
    public async Task Windows_platform_looks_names_up_case_insensitively()
    {
        var unix = await RunAsync("PWD=/home\n", "debug", "expand", "word", "--platform", "unix", "--", "he$pwd.");
        var windows = await RunAsync("PWD=/home\n", "debug", "expand", "word", "--platform", "windows", "--", "he$pwd.");
        var byDefault = await RunAsync("PWD=/home\n", "debug", "expand", "word", "he$pwd.");
        Assert.Equal("he.\n", unix.Stdout);
        Assert.Equal("he/home.\n", windows.Stdout);
        Assert.Equal("he.\n", byDefault.Stdout);
    }

    [Fact]
    public async Task An_expansion_error_exits_non_zero_with_one_line()
    {
        var r = await RunAsync("", "debug", "expand", "word", "--", "he${XXX:?}");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Equal("Error: failed to process \"he${XXX:?}\": XXX: is not allowed to be unset\n", r.Stderr);
    }

    [Theory]
    [InlineData("-x")]
    [InlineData("--platform")]
    [InlineData("@file")]
    [InlineData("--")]
    public async Task A_word_after_double_dash_is_taken_literally(string word)
    {
        var r = await RunAsync("", "debug", "expand", "words", "--", word);
        Assert.Equal((0, word + "\n"), (r.ExitCode, r.Stdout));
    }

    [Theory]
    [InlineData("line")]
    [InlineData("word", "--platform", "mac")]
    public async Task Unknown_mode_or_platform_is_a_usage_error(params string[] args)
    {
        var r = await RunAsync("", ["debug", "expand", .. args, "--", "x"]);
        Assert.Equal(2, r.ExitCode);
    }

    public void Dispose() => _root.Dispose();

    private Task<DrydockCli.Result> RunAsync(string stdin, params string[] args) => new DrydockCli(_root.Path).RunWithInputAsync(Encoding.UTF8.GetBytes(stdin), args);
}

using System.CommandLine;
using Drydock.Cli.Commands;

namespace Drydock.Cli.Tests;

/// <summary>The plain build lines read without System.CommandLine mean exactly what the full parser reads in them.</summary>
public sealed class BuildLineShortcutTests
{
    [Theory]
    [InlineData("build", ".")]
    [InlineData("--root", "/r", "build", "-t", "app", "-f", "Dockerfile", ".")]
    [InlineData("--root=/r", "--debug", "build", "--tag=app:1", "--tag", "app:2", "-t", "x", "ctx")]
    [InlineData("-D", "--snapshotter", "native", "build", "--file=df", "--progress", "plain", "-q", "ctx")]
    [InlineData("build", "--build-arg", "A=1", "--build-arg=B", "--target", "final", "--label", "k=v", "--label=x=y", "ctx")]
    [InlineData("build", "--no-cache", "--iidfile", "/tmp/iid", "--progress=rawjson", "ctx", "--root", "/r")]
    [InlineData("build", "ctx", "-t", "after-the-context", "--snapshotter=overlayfs")]
    [InlineData("build", "--quiet", "builder")]
    public void Reads_a_plain_line_as_the_parser_does(params string[] args)
    {
        BuildLine? shortcut = BuildLineShortcut.TryRead(args);
        ParseResult parse = CliRoot.Build(args).Parse(args);
        Assert.Empty(parse.Errors);
        Assert.NotNull(shortcut);
        Assert.Equal(Describe(BuildCommands.LineOf(parse)), Describe(shortcut));
    }

    [Theory]
    [InlineData("images")]
    [InlineData("build")]                                   // no context: the parser explains
    [InlineData("build", "a", "b")]                         // two arguments
    [InlineData("build", "-")]                              // context from standard input
    [InlineData("build", "--", ".")]
    [InlineData("build", "@args.rsp")]                      // a response file
    [InlineData("build", "-t", "-x", ".")]                  // a value that looks like a flag
    [InlineData("build", "-t", "", ".")]
    [InlineData("build", "-f", "a", "-f", "b", ".")]        // a single-value flag twice
    [InlineData("build", "-q", "false", ".")]               // the parser reads false as -q's value
    [InlineData("build", "--no-cache", "True", ".")]
    [InlineData("build", "--quiet=true", ".")]
    [InlineData("-t", "x", "build", ".")]                   // a build flag before the command
    [InlineData("build", "--tag:x", ".")]                   // the parser's other spelling
    [InlineData("build", "-qt", "x", ".")]                  // a bundle
    [InlineData("build", "--secret", "id=a", ".")]          // outside the subset
    [InlineData("build", "--output", "type=oci,dest=x", ".")]
    [InlineData("build", "--help")]
    [InlineData("build", "-t")]
    [InlineData("--root", "build", ".")]                    // --root takes `build` as its value
    public void Leaves_every_other_line_to_the_parser(params string[] args)
        => Assert.Null(BuildLineShortcut.TryRead(args));

    private static string Describe(BuildLine l) => string.Join("\n",
        l.Context, l.File, string.Join(",", l.Tags), string.Join(",", l.BuildArgs), l.Target, string.Join(",", l.Labels), l.NoCache,
        string.Join(",", l.NoCacheFilter), l.Pull, l.IidFile, l.MetadataFile, string.Join(",", l.Outputs), l.Progress, l.Quiet,
        string.Join(",", l.Secrets), string.Join(",", l.BuildContexts), l.Network, l.Platform, l.PrintGraph, l.GraphFormat, l.Check,
        l.Root, l.Snapshotter, l.Debug);
}

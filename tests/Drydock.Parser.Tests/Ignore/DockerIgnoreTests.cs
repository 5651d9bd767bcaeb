using Drydock.Core;
using Drydock.Parser.Ignore;
using Drydock.TestKit;

namespace Drydock.Parser.Tests.Ignore;

/// <summary>The .dockerignore reader (moby/patternmatcher/ignorefile) and how a build applies it.</summary>
public sealed class DockerIgnoreTests
{
    [Fact]
    public void Reads_patterns_as_docker_does()
    {
        // ignorefile's TestReadAll, minus the lone '!' lines (rejected when compiled; see below).
        const string content = "test1\n/test2\n/a/file/here\n\nlastfile\n# this is a comment\n! /inverted/abs/path\n";
        var ignore = DockerIgnore.Parse(content, ".dockerignore");
        Assert.Equal(["test1", "test2", "a/file/here", "lastfile", "!inverted/abs/path"], ignore.Patterns);
    }

    [Fact]
    public void Only_a_hash_in_the_first_column_starts_a_comment()
    {
        var ignore = DockerIgnore.Parse("#a\n  #b\n\t\n \n", ".dockerignore");
        Assert.Equal(["#b"], ignore.Patterns);
        Assert.True(ignore.IsExcluded("#b"));
    }

    [Fact]
    public void Bom_crlf_dot_slash_and_trailing_slashes_are_cleaned()
    {
        var ignore = DockerIgnore.Parse("\uFEFF./node_modules/\r\n/dist//\r\n!./dist/keep/../keep.txt\r\n", ".dockerignore");
        Assert.Equal(["node_modules", "dist", "!dist/keep.txt"], ignore.Patterns);
        Assert.True(ignore.IsExcluded("node_modules/x/index.js"));
        Assert.True(ignore.IsExcluded("dist/a.js"));
        Assert.False(ignore.IsExcluded("dist/keep.txt"));
        Assert.False(ignore.IsExcluded("src/node_modules"));
    }

    [Fact]
    public void The_last_matching_pattern_wins()
    {
        var ignore = DockerIgnore.Parse("*.md\n!README*.md\nREADME-secret.md\n", ".dockerignore");
        Assert.True(ignore.IsExcluded("CHANGES.md"));
        Assert.False(ignore.IsExcluded("README.md"));
        Assert.True(ignore.IsExcluded("README-secret.md"));
        Assert.False(ignore.IsExcluded("docs/CHANGES.md"));
    }

    [Fact]
    public void Double_star_matches_any_number_of_directories()
    {
        var ignore = DockerIgnore.Parse("**/*.go\n**/tmp\n", ".dockerignore");
        Assert.True(ignore.IsExcluded("main.go"));
        Assert.True(ignore.IsExcluded("a/b/c.go"));
        Assert.True(ignore.IsExcluded("x/tmp/y"));
        Assert.False(ignore.IsExcluded("a/b/c.goo"));
    }

    [Fact]
    public void The_context_root_is_never_excluded()
    {
        var ignore = DockerIgnore.Parse("*\n", ".dockerignore");
        Assert.False(ignore.IsExcluded("."));
        Assert.False(ignore.IsExcluded(""));
        Assert.True(ignore.IsExcluded("anything"));
    }

    [Fact]
    public void Excluded_directories_report_whether_an_exception_lives_below()
    {
        var ignore = DockerIgnore.Parse("build\nvendor\n!build/keep/me.txt\n", ".dockerignore");
        Assert.True(ignore.IsExcluded("build"));
        Assert.True(ignore.MayIncludeUnder("build"));
        Assert.True(ignore.MayIncludeUnder("build/keep"));
        Assert.False(ignore.MayIncludeUnder("vendor"));
        Assert.False(ignore.IsExcluded("build/keep/me.txt"));
        Assert.True(ignore.IsExcluded("build/keep/other.txt"));
    }

    [Theory]
    [InlineData("a\n[\n", ".dockerignore:2: syntax error in pattern '['")]
    [InlineData("# c\n\n!\n", ".dockerignore:3: illegal exclusion pattern: \"!\"")]
    [InlineData("x\n! \n", ".dockerignore:2: illegal exclusion pattern: \"!\"")]
    public void A_bad_pattern_names_the_file_and_line(string content, string expected)
    {
        var e = Assert.Throws<DrydockException>(() => DockerIgnore.Parse(content, ".dockerignore"));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dockerfile_specific_file_wins_over_the_context_one()
    {
        using var dir = new TempDir("drydock-ignore");
        string context = dir.Combine("ctx");
        Directory.CreateDirectory(Path.Combine(context, "build"));
        string dockerfile = Path.Combine(context, "build", "app.Dockerfile");
        await File.WriteAllTextAsync(dockerfile, "FROM scratch\n");

        Assert.Null(DockerIgnore.Load(context, dockerfile));

        await File.WriteAllTextAsync(Path.Combine(context, ".dockerignore"), "general\n");
        Assert.Equal(["general"], DockerIgnore.Load(context, dockerfile)!.Patterns);

        await File.WriteAllTextAsync(dockerfile + ".dockerignore", "specific\n");
        Assert.Equal(["specific"], DockerIgnore.Load(context, dockerfile)!.Patterns);
        Assert.Equal(["specific"], (await DockerIgnore.LoadAsync(context, dockerfile))!.Patterns);
    }

    [Fact]
    public async Task A_load_error_names_the_ignore_file()
    {
        using var dir = new TempDir("drydock-ignore");
        string context = dir.Combine("ctx");
        Directory.CreateDirectory(context);
        await File.WriteAllTextAsync(Path.Combine(context, ".dockerignore"), "ok\n\na[\n");
        var e = Assert.Throws<DrydockException>(() => DockerIgnore.Load(context, Path.Combine(context, "Dockerfile")));
        Assert.StartsWith(Path.Combine(context, ".dockerignore") + ":3: ", e.Message, StringComparison.Ordinal);
    }
}

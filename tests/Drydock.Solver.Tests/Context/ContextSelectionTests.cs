using Drydock.Core;
using Drydock.Parser.Ignore;
using Drydock.Solver.Context;
using Drydock.TestKit;

namespace Drydock.Solver.Tests.Context;

public sealed class ContextSelectionTests : IDisposable
{
    private readonly TempDir _dir = new("solver-ctx");

    public ContextSelectionTests()
    {
        foreach (string f in new[] { "src/a.txt", "src/b.txt", "src/sub/c.go", "docs/readme.md", "main.go", "build/out.o" })
        {
            string path = _dir.Combine(f);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, f);
        }
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Globs_match_per_component_and_sources_cannot_leave_the_root()
    {
        var selector = new SourceSelector(_dir.Path, null, null);
        Assert.Equal(["src/a.txt", "src/b.txt"], selector.Expand("src/*.txt"));
        Assert.Equal(["main.go"], selector.Expand("*.go"));
        Assert.Equal(["main.go"], selector.Expand("../../main.go"));
        Assert.Equal([""], selector.Expand("."));
    }

    [Fact]
    public void Missing_sources_and_ignored_sources_are_not_found()
    {
        var ignored = new SourceSelector(_dir.Path, new LocalContext("context", _dir.Path, p => p.StartsWith("build", StringComparison.Ordinal), null), null);
        Assert.Contains("\"/nope\" not found", Assert.Throws<DrydockException>(() => ignored.Expand("nope")).Message);
        Assert.Throws<DrydockException>(() => ignored.Expand("build/out.o"));
        Assert.Throws<DrydockException>(() => ignored.Expand("*.rs"));
    }

    [Fact]
    public void Exclude_patterns_leave_entries_out()
    {
        var selector = new SourceSelector(_dir.Path, null, new PatternMatcher(["**/*.go"]));
        Assert.False(selector.Includes("src/sub/c.go", false));
        Assert.True(selector.Includes("src/a.txt", false));
    }

    [Fact]
    public void Exclude_patterns_are_relative_to_a_directory_source()
    {
        var selector = new SourceSelector(_dir.Path, null, new PatternMatcher(["*.txt", "sub"]));
        Assert.Equal(["src"], selector.Expand("src"));
        Assert.False(selector.Includes("src/a.txt", false));
        Assert.False(selector.Includes("src/sub", true));
        Assert.Throws<DrydockException>(() => new SourceSelector(_dir.Path, null, new PatternMatcher(["*.go"])).Expand("main.go"));
    }

    [Fact]
    public void File_checksums_cover_content_mode_and_name_but_not_mtime()
    {
        using var hasher = new ContextHasher(new DrydockRoot(_dir.Combine("root")));
        string path = _dir.Combine("src/a.txt");
        Digest first = hasher.FileChecksum(_dir.Path, "src/a.txt", path);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-3));
        Assert.Equal(first, hasher.FileChecksum(_dir.Path, "src/a.txt", path));
        Assert.NotEqual(first, hasher.FileChecksum(_dir.Path, "src/z.txt", path));
        File.WriteAllText(path, "changed");
        Assert.NotEqual(first, hasher.FileChecksum(_dir.Path, "src/a.txt", path));
        Digest second = hasher.FileChecksum(_dir.Path, "src/a.txt", path);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        Assert.NotEqual(second, hasher.FileChecksum(_dir.Path, "src/a.txt", path));
    }

    [Fact]
    public async Task Checksums_are_remembered_between_runs()
    {
        var root = new DrydockRoot(_dir.Combine("root"));
        using (var hasher = new ContextHasher(root))
        {
            hasher.FileChecksum(_dir.Path, "main.go", _dir.Combine("main.go"));
            await hasher.SaveAsync(default);
        }
        string memo = Assert.Single(Directory.GetFiles(Path.Combine(root.Cache, "solver", "context")));
        Assert.Contains("main.go", File.ReadAllText(memo));
    }
}

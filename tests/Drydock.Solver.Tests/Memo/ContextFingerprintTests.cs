using Drydock.Solver.Memo;
using Drydock.TestKit;

namespace Drydock.Solver.Tests.Memo;

public sealed class ContextFingerprintTests : IDisposable
{
    private readonly TempDir _dir = new("solver-fingerprint");

    public ContextFingerprintTests()
    {
        foreach (string f in new[] { "Dockerfile", "src/a.txt", "src/sub/b.txt", "node_modules/x/index.js" })
        {
            string path = _dir.Combine(f);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, f);
        }
    }

    public void Dispose() => _dir.Dispose();

    private string Take() => ContextFingerprint.Take(_dir.Path, p => p.StartsWith("node_modules", StringComparison.Ordinal), null).Digest;

    [Fact]
    public void Is_stable_while_nothing_changes()
        => Assert.Equal(Take(), Take());

    [Theory]
    [InlineData("edit")]
    [InlineData("same-size edit")]
    [InlineData("chmod")]
    [InlineData("rename")]
    [InlineData("add")]
    [InlineData("remove")]
    [InlineData("add in a subdirectory")]
    public void Changes_with_anything_a_build_could_see(string change)
    {
        string before = Take();
        Thread.Sleep(20); // past the file system clock's tick: a change within it keeps the times (what IsSettled guards against)
        switch (change)
        {
            case "edit": File.AppendAllText(_dir.Combine("src/a.txt"), "more"); break;
            case "same-size edit": File.WriteAllText(_dir.Combine("src/a.txt"), "src/b.txt"); break;
            case "chmod": File.SetUnixFileMode(_dir.Combine("src/a.txt"), UnixFileMode.UserRead); break;
            case "rename": File.Move(_dir.Combine("src/a.txt"), _dir.Combine("src/c.txt")); break;
            case "add": File.WriteAllText(_dir.Combine("new.txt"), ""); break;
            case "remove": File.Delete(_dir.Combine("Dockerfile")); break;
            case "add in a subdirectory": File.WriteAllText(_dir.Combine("src/sub/new.txt"), ""); break;
        }
        Assert.NotEqual(before, Take());
    }

    [Fact]
    public void A_link_out_of_the_walked_context_makes_it_unrememberable_and_links_inside_do_not()
    {
        using var outside = new TempDir("solver-fingerprint-outside");
        File.CreateSymbolicLink(_dir.Combine("inner"), _dir.Combine("src"));
        File.CreateSymbolicLink(_dir.Combine("self"), _dir.Path);
        File.CreateSymbolicLink(_dir.Combine("a"), _dir.Combine("b"));  // links that point at each other are links only
        File.CreateSymbolicLink(_dir.Combine("b"), _dir.Combine("a"));
        Assert.False(ContextFingerprint.Take(_dir.Path, null, null).LeavesContext);
        File.CreateSymbolicLink(_dir.Combine("deps"), _dir.Combine("node_modules/x"));
        Assert.False(ContextFingerprint.Take(_dir.Path, null, null).LeavesContext);
        Assert.True(ContextFingerprint.Take(_dir.Path, p => p.StartsWith("node_modules", StringComparison.Ordinal), null).LeavesContext); // never walked
        File.CreateSymbolicLink(_dir.Combine("data"), outside.Path);
        ContextState state = ContextFingerprint.Take(_dir.Path, null, null);
        Assert.True(state.LeavesContext);
        Assert.False(state with { NewestChangeNanoseconds = 0 } is { CanBeRemembered: true });
    }

    [Fact]
    public void Directories_the_ignore_file_excludes_wholly_are_not_walked()
    {
        string before = Take();
        File.WriteAllText(_dir.Combine("node_modules/x/other.js"), "");
        Assert.Equal(before, Take());
    }

    [Fact]
    public void A_context_changed_within_the_last_second_is_not_settled()
    {
        Assert.False(ContextFingerprint.Take(_dir.Path, null, null).IsSettled);
        var state = new ContextState("x", NewestChangeNanoseconds: 1_000_000_000, TakenAtNanoseconds: 2_500_000_000);
        Assert.True(state.IsSettled);
        Assert.False(state with { NewestChangeNanoseconds = 1_600_000_000 } is { IsSettled: true });
    }
}

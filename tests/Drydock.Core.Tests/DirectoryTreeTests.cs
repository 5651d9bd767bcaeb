using Drydock.TestKit;

namespace Drydock.Core.Tests;

public sealed class DirectoryTreeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Deletes_files_and_empty_directories()
    {
        string d = _dir.Combine("state");
        Directory.CreateDirectory(Path.Combine(d, "rootfs"));
        File.WriteAllText(Path.Combine(d, "pid"), "1");
        File.WriteAllText(Path.Combine(d, ".hidden"), "");
        DirectoryTree.Delete(d);
        Assert.False(Directory.Exists(d));
    }

    [Fact]
    public void Deeper_trees_are_deleted_too()
    {
        string d = _dir.Combine("record");
        Directory.CreateDirectory(Path.Combine(d, "logs", "old"));
        File.WriteAllText(Path.Combine(d, "logs", "old", "a.log"), "x");
        File.WriteAllText(Path.Combine(d, "config.json"), "{}");
        DirectoryTree.Delete(d);
        Assert.False(Directory.Exists(d));
    }

    [Fact]
    public void Links_are_removed_without_touching_what_they_point_at()
    {
        string target = _dir.Combine("keep");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "precious"), "x");
        string d = _dir.Combine("doomed");
        Directory.CreateDirectory(d);
        Directory.CreateSymbolicLink(Path.Combine(d, "dirlink"), target);
        File.CreateSymbolicLink(Path.Combine(d, "filelink"), Path.Combine(target, "precious"));
        DirectoryTree.Delete(d);
        Assert.False(Directory.Exists(d));
        Assert.True(File.Exists(Path.Combine(target, "precious")));
    }

    [Fact]
    public void Links_deep_in_the_tree_are_never_followed()
    {
        string target = _dir.Combine("outside");
        Directory.CreateDirectory(Path.Combine(target, "sub"));
        File.WriteAllText(Path.Combine(target, "sub", "precious"), "x");
        string d = _dir.Combine("upper");
        Directory.CreateDirectory(Path.Combine(d, "a", "b", "c"));
        File.WriteAllText(Path.Combine(d, "a", "b", "c", "f"), "y");
        Directory.CreateSymbolicLink(Path.Combine(d, "a", "b", "escape"), target);
        Directory.CreateSymbolicLink(Path.Combine(d, "a", "dangling"), _dir.Combine("nowhere"));
        DirectoryTree.Delete(d);
        Assert.False(Directory.Exists(d));
        Assert.True(File.Exists(Path.Combine(target, "sub", "precious")));
    }
}

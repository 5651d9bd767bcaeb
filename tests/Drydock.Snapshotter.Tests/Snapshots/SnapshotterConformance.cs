using Drydock.Core;
using Drydock.TestKit;

namespace Drydock.Snapshotter.Tests.Snapshots;

/// <summary>
/// The behaviour every ISnapshotter driver must have, in the manner of containerd's snapshotter test suite.
/// Each test has its own root; trees are changed and read through real mounts.
/// </summary>
public abstract partial class SnapshotterConformance
{
    protected abstract ISnapshotter Create(string root);

    /// <summary>How deep a chain the deep-stack test builds (120 for overlay, where depth is the point).</summary>
    protected virtual int DeepStackDepth => 120;

    [PrivilegedFact]
    public async Task Prepare_commit_view_remove_lifecycle()
    {
        using var tmp = new TempDir();
        ISnapshotter sn = Create(tmp.Path);
        IReadOnlyList<Mount> mounts = await sn.PrepareAsync("a", null);
        await using (MountedTree t = await MountedTree.MountAsync(mounts, tmp.Path)) File.WriteAllText(t["hello"], "world");
        Assert.Equal(SnapshotKind.Active, (await sn.StatAsync("a")).Kind);
        await sn.CommitAsync("sha256:base", "a", new SnapshotOptions { Labels = new Dictionary<string, string> { ["drydock.x"] = "1" } });

        SnapshotInfo info = await sn.StatAsync("sha256:base");
        Assert.Equal(SnapshotKind.Committed, info.Kind);
        Assert.Equal("1", info.Labels["drydock.x"]);
        Assert.Null(await sn.TryStatAsync("a"));
        IReadOnlyList<Mount> view = await sn.ViewAsync("v", "sha256:base");
        Assert.All(view, m => Assert.True(m.IsReadOnly));
        Assert.Equal(SnapshotKind.View, (await sn.StatAsync("v")).Kind);
        await using (MountedTree t = await MountedTree.MountAsync(view, tmp.Path))
        {
            Assert.Equal("world", File.ReadAllText(t["hello"]));
            Assert.ThrowsAny<Exception>(() => File.WriteAllText(t["nope"], "x"));
        }
        await sn.RemoveAsync("v");
        await sn.RemoveAsync("sha256:base");
        Assert.Empty(await Walk(sn));
    }

    [PrivilegedFact]
    public async Task Child_changes_are_visible_through_views_and_parents_are_unchanged()
    {
        using var tmp = new TempDir();
        ISnapshotter sn = Create(tmp.Path);
        await LayerAsync(sn, tmp, "base", null, root =>
        {
            File.WriteAllText(Path.Combine(root, "gone"), "1");
            File.WriteAllText(Path.Combine(root, "keep"), "1");
            File.WriteAllText(Path.Combine(root, "moved"), "m");
            Directory.CreateDirectory(Path.Combine(root, "dir", "sub"));
            File.WriteAllText(Path.Combine(root, "dir", "sub", "x"), "x");
            Directory.CreateDirectory(Path.Combine(root, "emptied"));
            File.WriteAllText(Path.Combine(root, "emptied", "y"), "y");
        });
        await LayerAsync(sn, tmp, "child", "base", root =>
        {
            File.Delete(Path.Combine(root, "gone"));
            File.WriteAllText(Path.Combine(root, "keep"), "2");
            File.Move(Path.Combine(root, "moved"), Path.Combine(root, "renamed"));
            FileFacts.Run("mv", Path.Combine(root, "dir"), Path.Combine(root, "dir2"));
            Directory.Delete(Path.Combine(root, "emptied"), recursive: true);
            Directory.CreateDirectory(Path.Combine(root, "emptied"));
        });
        await LayerAsync(sn, tmp, "grandchild", "child", root => File.WriteAllText(Path.Combine(root, "new"), "n"));

        await WithViewAsync(sn, tmp, "grandchild", root =>
        {
            Assert.False(File.Exists(Path.Combine(root, "gone")));
            Assert.Equal("2", File.ReadAllText(Path.Combine(root, "keep")));
            Assert.False(File.Exists(Path.Combine(root, "moved")));
            Assert.Equal("m", File.ReadAllText(Path.Combine(root, "renamed")));
            Assert.False(Directory.Exists(Path.Combine(root, "dir")));
            Assert.Equal("x", File.ReadAllText(Path.Combine(root, "dir2", "sub", "x")));
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(root, "emptied")));
            Assert.Equal("n", File.ReadAllText(Path.Combine(root, "new")));
        });
        await WithViewAsync(sn, tmp, "base", root =>
        {
            Assert.True(File.Exists(Path.Combine(root, "gone")));
            Assert.Equal("1", File.ReadAllText(Path.Combine(root, "keep")));
            Assert.True(File.Exists(Path.Combine(root, "dir", "sub", "x")));
            Assert.False(File.Exists(Path.Combine(root, "new")));
        });
        Assert.Equal("child", (await sn.StatAsync("grandchild")).Parent);
    }

    [PrivilegedFact]
    public async Task Hardlinks_xattrs_and_special_files_are_kept()
    {
        using var tmp = new TempDir();
        ISnapshotter sn = Create(tmp.Path);
        await LayerAsync(sn, tmp, "base", null, root =>
        {
            File.WriteAllText(Path.Combine(root, "f"), "content");
            FileFacts.Run("ln", Path.Combine(root, "f"), Path.Combine(root, "g"));
            FileFacts.SetXattr(Path.Combine(root, "f"), "user.drydock", "v1");
            FileFacts.SetXattr(Path.Combine(root, "f"), "trusted.drydock", "t1");
            File.CreateSymbolicLink(Path.Combine(root, "link"), "f");
            FileFacts.Run("mkfifo", Path.Combine(root, "fifo"));
            FileFacts.Run("mknod", Path.Combine(root, "null"), "c", "1", "3");
            FileFacts.Run("chown", "1234:5678", Path.Combine(root, "f"));
        });
        // a child layer: everything below must still read the same through the stack
        await LayerAsync(sn, tmp, "child", "base", root => File.WriteAllText(Path.Combine(root, "other"), "o"));
        await WithViewAsync(sn, tmp, "child", root =>
        {
            string[] f = FileFacts.Stat(Path.Combine(root, "f")).Split(' ');
            string[] g = FileFacts.Stat(Path.Combine(root, "g")).Split(' ');
            Assert.Equal(f[0], g[0]);
            Assert.Equal("2", f[1]);
            Assert.Equal("v1", FileFacts.GetXattr(Path.Combine(root, "f"), "user.drydock"));
            Assert.Equal("t1", FileFacts.GetXattr(Path.Combine(root, "f"), "trusted.drydock"));
            Assert.Equal("1234:5678", FileFacts.Stat(Path.Combine(root, "f"), "%u:%g"));
            Assert.Equal("f", new FileInfo(Path.Combine(root, "link")).LinkTarget);
            Assert.Contains("fifo", FileFacts.Stat(Path.Combine(root, "fifo")), StringComparison.Ordinal);
            Assert.EndsWith("character special file 1:3", FileFacts.Stat(Path.Combine(root, "null")), StringComparison.Ordinal);
        });
    }

    [PrivilegedFact]
    public async Task A_deep_stack_prepares_mounts_and_reads()
    {
        using var tmp = new TempDir();
        ISnapshotter sn = Create(tmp.Path);
        string? parent = null;
        for (int i = 0; i < DeepStackDepth; i++)
        {
            int n = i;
            string name = $"sha256:layer-{i}";
            await LayerAsync(sn, tmp, name, parent, root =>
            {
                File.WriteAllText(Path.Combine(root, $"f{n}"), n.ToString(System.Globalization.CultureInfo.InvariantCulture));
                File.WriteAllText(Path.Combine(root, "top"), n.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (n % 2 == 0 && n > 0) File.Delete(Path.Combine(root, $"f{n - 1}"));
            });
            parent = name;
        }
        int last = DeepStackDepth - 1;
        IReadOnlyList<Mount> mounts = await sn.PrepareAsync("run", parent);
        await using (MountedTree t = await MountedTree.MountAsync(mounts, tmp.Path))
        {
            Assert.Equal(last.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(t["top"]));
            Assert.Equal("0", File.ReadAllText(t["f0"]));
            Assert.True(File.Exists(t[$"f{last}"]));
            Assert.False(File.Exists(t["f1"]));
            int expected = Enumerable.Range(0, DeepStackDepth).Count(i => i % 2 == 0 || i == last) + 1;
            Assert.Equal(expected, Directory.GetFiles(t.Path).Length);
            File.WriteAllText(t["written"], "w");
        }
        await WithViewAsync(sn, tmp, parent!, root => Assert.Equal("0", File.ReadAllText(Path.Combine(root, "f0"))));
        await sn.RemoveAsync("run");
    }

    protected static async Task LayerAsync(ISnapshotter sn, TempDir tmp, string name, string? parent, Action<string> change)
    {
        string key = "build-" + Guid.NewGuid().ToString("N")[..8];
        IReadOnlyList<Mount> mounts = await sn.PrepareAsync(key, parent);
        await using (MountedTree t = await MountedTree.MountAsync(mounts, tmp.Path)) change(t.Path);
        await sn.CommitAsync(name, key);
    }

    protected static async Task WithViewAsync(ISnapshotter sn, TempDir tmp, string name, Action<string> check)
    {
        string key = "view-" + Guid.NewGuid().ToString("N")[..8];
        IReadOnlyList<Mount> mounts = await sn.ViewAsync(key, name);
        try
        {
            await using MountedTree t = await MountedTree.MountAsync(mounts, tmp.Path);
            check(t.Path);
        }
        finally
        {
            await sn.RemoveAsync(key);
        }
    }

    protected static async Task<List<SnapshotInfo>> Walk(ISnapshotter sn)
    {
        var all = new List<SnapshotInfo>();
        await foreach (SnapshotInfo i in sn.WalkAsync()) all.Add(i);
        return all;
    }
}

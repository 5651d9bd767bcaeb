using Drydock.Core;
using Drydock.TestKit;

namespace Drydock.Snapshotter.Tests.Snapshots;

public abstract partial class SnapshotterConformance
{
    [PrivilegedFact]
    public async Task Commit_to_an_existing_name_is_AlreadyExists()
    {
        using var tmp = new TempDir();
        ISnapshotter sn = Create(tmp.Path);
        await sn.PrepareAsync("a", null);
        await sn.CommitAsync("sha256:x", "a");
        await sn.PrepareAsync("b", null);
        var e = await Assert.ThrowsAsync<DrydockException>(async () => await sn.CommitAsync("sha256:x", "b"));
        Assert.Equal(ErrorKind.AlreadyExists, e.Kind);
        Assert.Equal(SnapshotKind.Active, (await sn.StatAsync("b")).Kind);
        var again = await Assert.ThrowsAsync<DrydockException>(async () => await sn.PrepareAsync("b", null));
        Assert.Equal(ErrorKind.AlreadyExists, again.Kind);
    }

    [PrivilegedFact]
    public async Task Removing_a_parent_is_FailedPrecondition_until_its_children_are_gone()
    {
        using var tmp = new TempDir();
        ISnapshotter sn = Create(tmp.Path);
        await sn.PrepareAsync("a", null);
        await sn.CommitAsync("p", "a");
        await sn.PrepareAsync("b", "p");
        await sn.CommitAsync("c", "b");
        var e = await Assert.ThrowsAsync<DrydockException>(async () => await sn.RemoveAsync("p"));
        Assert.Equal(ErrorKind.FailedPrecondition, e.Kind);
        Assert.Contains("'c'", e.Message, StringComparison.Ordinal);
        await sn.RemoveAsync("c");
        await sn.RemoveAsync("p");
        Assert.Empty(await Walk(sn));
    }

    [PrivilegedFact]
    public async Task Misuse_is_reported_with_its_kind()
    {
        using var tmp = new TempDir();
        ISnapshotter sn = Create(tmp.Path);
        await sn.PrepareAsync("active", null);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<DrydockException>(async () => await sn.PrepareAsync("x", "missing"))).Kind);
        Assert.Equal(ErrorKind.FailedPrecondition, (await Assert.ThrowsAsync<DrydockException>(async () => await sn.PrepareAsync("x", "active"))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<DrydockException>(async () => await sn.StatAsync("missing"))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<DrydockException>(async () => await sn.RemoveAsync("missing"))).Kind);
        Assert.Null(await sn.TryStatAsync("missing"));
        await sn.CommitAsync("c", "active");
        await sn.ViewAsync("v", "c");
        Assert.Equal(ErrorKind.FailedPrecondition, (await Assert.ThrowsAsync<DrydockException>(async () => await sn.CommitAsync("c2", "v"))).Kind);
        Assert.Equal(ErrorKind.FailedPrecondition, (await Assert.ThrowsAsync<DrydockException>(async () => await sn.MountsAsync("c"))).Kind);
        Assert.Single(await sn.MountsAsync("v"));
        // the failed prepares left nothing behind
        Assert.Equal(["c", "v"], (await Walk(sn)).Select(i => i.Name).Order(StringComparer.Ordinal));
    }

    [PrivilegedFact]
    public async Task Usage_counts_the_snapshots_own_files()
    {
        using var tmp = new TempDir();
        ISnapshotter sn = Create(tmp.Path);
        await LayerAsync(sn, tmp, "base", null, root => File.WriteAllBytes(Path.Combine(root, "big"), new byte[100_000]));
        await LayerAsync(sn, tmp, "child", "base", root =>
        {
            Directory.CreateDirectory(Path.Combine(root, "d"));
            File.WriteAllBytes(Path.Combine(root, "d", "small"), new byte[1000]);
        });
        SnapshotUsage usage = await sn.UsageAsync("base");
        Assert.Equal(100_000, usage.Size);
        Assert.Equal(2, usage.Inodes);
        SnapshotUsage child = await sn.UsageAsync("child");
        Assert.True(child.Size >= 1000, $"size {child.Size}");
        Assert.True(child.Inodes >= 3, $"inodes {child.Inodes}");
    }

    [PrivilegedFact]
    public async Task Empty_views_and_views_of_views_of_one_layer_work()
    {
        using var tmp = new TempDir();
        ISnapshotter sn = Create(tmp.Path);
        await using (MountedTree t = await MountedTree.MountAsync(await sn.ViewAsync("empty", null), tmp.Path))
            Assert.Empty(Directory.EnumerateFileSystemEntries(t.Path));
        await LayerAsync(sn, tmp, "one", null, root => File.WriteAllText(Path.Combine(root, "a"), "a"));
        await WithViewAsync(sn, tmp, "one", root => Assert.Equal("a", File.ReadAllText(Path.Combine(root, "a"))));
        await sn.RemoveAsync("empty");
    }
}

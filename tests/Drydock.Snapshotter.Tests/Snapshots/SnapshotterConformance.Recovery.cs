using Drydock.Core;
using Drydock.Snapshotter.Metadata;
using Drydock.TestKit;

namespace Drydock.Snapshotter.Tests.Snapshots;

public abstract partial class SnapshotterConformance
{
    private static readonly ProcessIdentity s_dead = new(int.MaxValue - 7, 1);

    [PrivilegedFact]
    public async Task Actives_of_a_dead_process_are_removed_on_open_and_a_live_ones_are_kept()
    {
        using var tmp = new TempDir();
        var first = (MetadataSnapshotter)Create(tmp.Path);
        await LayerAsync(first, tmp, "base", null, root => File.WriteAllText(Path.Combine(root, "a"), "a"));
        await first.PrepareAsync("dead-active", "base");
        await first.ViewAsync("dead-view", "base");
        await first.PrepareAsync("live-active", "base");
        await first.PrepareAsync("container-1", "base", new SnapshotOptions { Labels = new Dictionary<string, string> { ["drydock.container"] = "1" } });
        long deadId = first.Store.TryRead("dead-active")!.Id;
        Rewrite(first, "dead-active", r => r with { Owner = s_dead });
        Rewrite(first, "dead-view", r => r with { Owner = s_dead });
        Rewrite(first, "live-active", r => r with { Owner = ProcessIdentity.Of(1) });   // init: alive, and not us
        Directory.CreateDirectory(Path.Combine(first.Paths.Data, "999"));              // data no record names
        LeaveDeadSession(first);

        var second = (MetadataSnapshotter)Create(tmp.Path);
        var names = (await Walk(second)).Select(i => i.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["base", "container-1", "live-active"], names);
        Assert.False(Directory.Exists(second.Paths.DataOf(deadId)));
        Assert.False(Directory.Exists(Path.Combine(second.Paths.Data, "999")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(second.Paths.Trash));
        Assert.True(Directory.Exists(second.Paths.Fs(second.Store.TryRead("base")!.Id)));
    }

    [PrivilegedFact]
    public async Task A_process_killed_while_writing_a_commit_leaves_no_committed_snapshot()
    {
        using var tmp = new TempDir();
        var first = (MetadataSnapshotter)Create(tmp.Path);
        await LayerAsync(first, tmp, "base", null, root => File.WriteAllText(Path.Combine(root, "a"), "a"));
        await first.PrepareAsync("k", "base");
        long id = first.Store.TryRead("k")!.Id;
        Rewrite(first, "k", r => r with { Owner = s_dead });
        // the commit's temp record, cut off mid-write; it is never renamed into place
        string temp = Path.Combine(first.Paths.Records, AtomicFile.TempPrefix + "deadbeef");
        File.WriteAllText(temp, "{\"Name\":\"sha256:half\",\"Kind\":\"Comm");
        LeaveDeadSession(first);

        ISnapshotter second = Create(tmp.Path);
        Assert.Null(await second.TryStatAsync("sha256:half"));
        Assert.Null(await second.TryStatAsync("k"));
        Assert.False(File.Exists(temp));
        Assert.False(Directory.Exists(first.Paths.DataOf(id)));
        Assert.Equal(["base"], (await Walk(second)).Select(i => i.Name));
    }

    [PrivilegedFact]
    public async Task A_process_killed_after_the_commit_point_leaves_a_whole_committed_snapshot()
    {
        using var tmp = new TempDir();
        var first = (MetadataSnapshotter)Create(tmp.Path);
        await LayerAsync(first, tmp, "base", null, root => File.WriteAllText(Path.Combine(root, "a"), "a"));
        IReadOnlyList<Mount> mounts = await first.PrepareAsync("k", "base");
        await using (MountedTree t = await MountedTree.MountAsync(mounts, tmp.Path)) File.WriteAllText(t["b"], "b");
        SnapshotRecord active = first.Store.TryRead("k")!;
        Rewrite(first, "k", r => r with { Owner = s_dead });
        // the committed record was renamed into place; the process died before removing the active one
        first.Store.Write(active with { Name = "sha256:done", Kind = SnapshotKind.Committed, Owner = null }, durable: true);
        File.WriteAllBytes(first.Paths.CommittedMarker(active.Id), []);
        LeaveDeadSession(first);

        ISnapshotter second = Create(tmp.Path);
        Assert.Null(await second.TryStatAsync("k"));
        Assert.Equal(SnapshotKind.Committed, (await second.StatAsync("sha256:done")).Kind);
        await WithViewAsync(second, tmp, "sha256:done", root =>
        {
            Assert.Equal("a", File.ReadAllText(Path.Combine(root, "a")));
            Assert.Equal("b", File.ReadAllText(Path.Combine(root, "b")));
        });
    }

    [PrivilegedFact]
    public async Task Two_instances_on_one_root_prepare_and_commit_in_parallel()
    {
        using var tmp = new TempDir();
        ISnapshotter a = Create(tmp.Path), b = Create(tmp.Path);
        await LayerAsync(a, tmp, "base", null, root => File.WriteAllText(Path.Combine(root, "a"), "a"));
        int alreadyExists = 0;
        var tasks = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            ISnapshotter sn = i % 2 == 0 ? a : b;
            string key = $"k-{i}";
            await sn.PrepareAsync(key, "base");
            await sn.ViewAsync($"v-{i}", "base");
            try
            {
                // pairs race for one name: exactly one of each pair wins
                await sn.CommitAsync($"sha256:c-{i / 2}", key);
            }
            catch (DrydockException e) when (e.Kind == ErrorKind.AlreadyExists)
            {
                Interlocked.Increment(ref alreadyExists);
                await sn.RemoveAsync(key);
            }
            await sn.RemoveAsync($"v-{i}");
        })).ToList();
        await Task.WhenAll(tasks);

        Assert.Equal(16, alreadyExists);
        List<SnapshotInfo> all = await Walk(Create(tmp.Path));
        Assert.Equal(17, all.Count);
        Assert.All(all, i => Assert.Equal(SnapshotKind.Committed, i.Kind));
        var m = (MetadataSnapshotter)a;
        Assert.Equal(17, all.Select(i => m.Store.TryRead(i.Name)!.Id).Distinct().Count());
        Assert.Equal(17, Directory.GetDirectories(m.Paths.Data).Length);
    }

    [PrivilegedFact]
    public async Task An_open_after_clean_exits_reads_no_records_and_one_after_a_crash_does()
    {
        using var tmp = new TempDir();
        var first = (MetadataSnapshotter)Create(tmp.Path);
        await LayerAsync(first, tmp, "base", null, root => File.WriteAllText(Path.Combine(root, "a"), "a"));
        await first.PrepareAsync("k", "base");
        Rewrite(first, "k", r => r with { Owner = s_dead });
        Assert.Contains(Directory.EnumerateFiles(first.Paths.Sessions), f => Path.GetFileName(f).StartsWith($"{Environment.ProcessId}-", StringComparison.Ordinal));

        // every session that changed the root is alive: nothing crashed, so nothing is looked for
        Assert.NotNull(await Create(tmp.Path).TryStatAsync("k"));

        LeaveDeadSession(first);
        ISnapshotter third = Create(tmp.Path);
        Assert.Null(await third.TryStatAsync("k"));
        Assert.DoesNotContain(Directory.EnumerateFiles(first.Paths.Sessions), f => Path.GetFileName(f).StartsWith($"{s_dead.Pid}-", StringComparison.Ordinal));
    }

    // what a process killed while it had actives leaves behind
    private static void LeaveDeadSession(MetadataSnapshotter sn)
        => File.WriteAllBytes(Path.Combine(sn.Paths.Sessions, $"{s_dead.Pid}-{s_dead.StartTime}-{Guid.NewGuid():N}"), []);

    private static void Rewrite(MetadataSnapshotter sn, string name, Func<SnapshotRecord, SnapshotRecord> change)
        => sn.Store.Write(change(sn.Store.TryRead(name)!), durable: false);
}

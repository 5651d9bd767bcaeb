using Drydock.Core;
using Drydock.Solver.Cache;
using Drydock.Solver.Tests.Executors;
using Drydock.TestKit;

namespace Drydock.Solver.Tests.Cache;

public sealed class PrunerTests : IDisposable
{
    private readonly TempDir _dir = new("solver-prune");
    private readonly DrydockRoot _root;
    private readonly FileCacheStore _cache;
    private readonly DirectorySnapshotter _snapshots;

    public PrunerTests()
    {
        _root = new DrydockRoot(_dir.Combine("root"));
        _cache = new FileCacheStore(_root);
        _snapshots = new DirectorySnapshotter(_dir.Combine("snapshots"));
    }

    public void Dispose() => _dir.Dispose();

    private async Task<CacheKey> StepAsync(string name, string? parent, int bytes, DateTime lastUsed)
    {
        await _snapshots.PrepareAsync(name + "-active", parent);
        File.WriteAllBytes(Path.Combine(_snapshots.PathOf(name + "-active"), name), new byte[bytes]);
        await _snapshots.CommitAsync(name, name + "-active");
        var key = new CacheKey(Digest.Sha256(System.Text.Encoding.UTF8.GetBytes(name)));
        await _cache.PutAsync(key, name);
        File.SetLastWriteTimeUtc(Path.Combine(_cache.Directory, "records", key.Digest.Encoded), lastUsed);
        return key;
    }

    [Fact]
    public async Task Until_keeps_recent_steps_and_their_parents()
    {
        await StepAsync("build-a", null, 10, DateTime.UtcNow.AddDays(-3));
        await StepAsync("build-b", "build-a", 10, DateTime.UtcNow);
        await StepAsync("build-c", null, 10, DateTime.UtcNow.AddDays(-3));
        var forgotten = new List<string>();
        var pruner = new BuildCachePruner(_cache, _snapshots, _root) { SnapshotRemoved = n => { forgotten.Add(n); return ValueTask.CompletedTask; } };
        PruneResult result = await pruner.PruneAsync(new PruneOptions { Until = TimeSpan.FromHours(24) });
        Assert.Equal(["build-c"], result.RemovedSnapshots);
        Assert.Equal(["build-c"], forgotten);
        Assert.NotNull(await _snapshots.TryStatAsync("build-a"));
        Assert.Single(_cache.List()); // build-a's record went; its snapshot stays as build-b's parent
    }

    [Fact]
    public async Task All_removes_every_step_children_first_and_cache_mounts()
    {
        await StepAsync("build-a", null, 10, DateTime.UtcNow);
        await StepAsync("build-b", "build-a", 10, DateTime.UtcNow);
        Directory.CreateDirectory(Path.Combine(_root.Cache, "mounts", "x"));
        PruneResult result = await new BuildCachePruner(_cache, _snapshots, _root).PruneAsync(new PruneOptions { All = true });
        Assert.Equal(["build-b", "build-a"], result.RemovedSnapshots);
        Assert.Empty(_cache.List());
        Assert.False(Directory.Exists(Path.Combine(_root.Cache, "mounts")));
        Assert.True(result.ReclaimedBytes >= 20);
    }

    [Fact]
    public async Task Keep_storage_removes_least_recently_used_first()
    {
        await StepAsync("build-old", null, 1000, DateTime.UtcNow.AddHours(-2));
        await StepAsync("build-new", null, 1000, DateTime.UtcNow);
        PruneResult result = await new BuildCachePruner(_cache, _snapshots, _root).PruneAsync(new PruneOptions { KeepStorage = 1500 });
        Assert.Equal(["build-old"], result.RemovedSnapshots);
    }
}

using System.Runtime.CompilerServices;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Gc;
using Drydock.Core.Images;
using Drydock.Core.Leases;
using Drydock.Core.Oci;
using Drydock.Core.Tests.Images;
using Drydock.TestKit;

namespace Drydock.Core.Tests.Gc;

public sealed class GarbageCollectorTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly DrydockRoot _root;
    private readonly ImageService _images;

    public GarbageCollectorTests()
    {
        _root = new DrydockRoot(_dir.Path);
        _images = ImageService.Open(_root);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Deletes_only_unreferenced_blobs()
    {
        ResolvedImage kept = await TestImages.CreateAsync(_images, "kept:1", "kept-layer");
        ResolvedImage dropped = await TestImages.CreateAsync(_images, "dropped:1", "dropped-layer");
        await _images.RemoveAsync("dropped:1", force: false);
        await Task.Delay(100); // the collector keeps what was committed just before it started (see GarbageCollector)

        GcResult result = await GarbageCollector.Open(_root).CollectAsync();

        Assert.Contains(dropped.Manifest.Layers[0].Digest, result.Deleted);
        Assert.Contains(dropped.ManifestDescriptor.Digest, result.Deleted);
        Assert.Contains(dropped.Id, result.Deleted);
        Assert.True(await _images.Content.ExistsAsync(kept.Manifest.Layers[0].Digest));
        Assert.True(await _images.Content.ExistsAsync(kept.Id));
        Assert.True(await _images.Content.ExistsAsync(kept.ManifestDescriptor.Digest));
        Assert.Equal(kept.Id, (await _images.ResolveAsync("kept:1")).Id);
    }

    [Fact]
    public async Task Keeps_content_of_a_live_lease_and_what_root_sources_list()
    {
        var leases = new LeaseManager(_root);
        Descriptor fromSource = await _images.Content.WriteBlobAsync(new byte[] { 7 }, MediaTypes.OciLayer);
        await Task.Delay(1100); // older than the lease by more than the collector's slack
        Descriptor orphan = await _images.Content.WriteBlobAsync(new byte[] { 8 }, MediaTypes.OciLayer);
        await Task.Delay(1100);
        await using (Lease lease = await leases.CreateAsync("test build"))
        {
            Descriptor inFlight = await _images.Content.WriteBlobAsync(new byte[] { 9 }, MediaTypes.OciLayer);
            var gc = GarbageCollector.Open(_root, [new FixedRoots(fromSource.Digest)]);
            GcResult result = await gc.CollectAsync();
            Assert.Equal([orphan.Digest], result.Deleted);
            Assert.True(await _images.Content.ExistsAsync(inFlight.Digest));
            Assert.True(await _images.Content.ExistsAsync(fromSource.Digest));
        }
        // the lease is gone: its blob is collectable now
        await Task.Delay(100);
        GcResult after = await GarbageCollector.Open(_root).CollectAsync();
        Assert.Equal(2, after.Deleted.Count);
    }

    [Fact]
    public async Task Keeps_what_was_committed_as_the_collection_started()
    {
        // a writer whose lease is younger than the collector's lease listing is still safe
        Descriptor fresh = await _images.Content.WriteBlobAsync(new byte[] { 42 }, MediaTypes.OciLayer);
        GcResult result = await GarbageCollector.Open(_root).CollectAsync();
        Assert.Empty(result.Deleted);
        Assert.True(await _images.Content.ExistsAsync(fresh.Digest));
    }

    [Fact]
    public async Task Lease_of_a_dead_process_no_longer_protects()
    {
        var leases = new LeaseManager(_root);
        Directory.CreateDirectory(_root.Leases);
        var dead = new LeaseRecord("dead", "crashed build", Pid: int.MaxValue - 1, ProcessStart: 1, DateTimeOffset.UnixEpoch, null, [Digest.Sha256([1])]);
        await File.WriteAllTextAsync(Path.Combine(_root.Leases, "dead.json"),
            System.Text.Json.JsonSerializer.Serialize(dead, LeaseJsonContext.Default.LeaseRecord));
        Assert.Empty(await leases.ListLiveAsync());
        Assert.False(File.Exists(Path.Combine(_root.Leases, "dead.json")));
    }

    [Fact]
    public async Task Root_source_manifest_keeps_its_config_and_layers()
    {
        ResolvedImage image = await TestImages.CreateAsync(_images, "c:1", "cached-layer");
        await _images.RemoveAsync("c:1", force: false);
        GcResult result = await GarbageCollector.Open(_root, [new FixedRoots(image.ManifestDescriptor.Digest)]).CollectAsync();
        Assert.Empty(result.Deleted);
    }

    private sealed class FixedRoots(params Digest[] digests) : IGcRootSource
    {
        public async IAsyncEnumerable<Digest> ListRootsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (Digest d in digests) yield return d;
            await Task.CompletedTask;
        }
    }
}

using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Images;
using Drydock.Core.Oci;
using Drydock.TestKit;

namespace Drydock.Core.Tests.Images;

public sealed class ImageServiceTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ImageService _images;

    public ImageServiceTests() => _images = ImageService.Open(new DrydockRoot(_dir.Path));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Created_image_resolves_by_short_name_id_prefix_and_digest()
    {
        ResolvedImage created = await TestImages.CreateAsync(_images, "app", "layer-a");

        ResolvedImage byName = await _images.ResolveAsync("docker.io/library/app:latest");
        Assert.Equal(created.Id, byName.Id);
        Assert.Equal(["docker.io/library/app:latest"], byName.Names);
        Assert.Equal(created.Id, (await _images.ResolveAsync(created.Id.Encoded[..6])).Id);
        Assert.Equal(created.Id, (await _images.ResolveAsync(created.Id.ToString())).Id);
        Assert.Equal(created.Id, (await _images.ResolveAsync($"app@{created.Target.Digest}")).Id);
        Assert.Equal(["/bin/sh"], byName.Config.Config!.Cmd);
    }

    [Fact]
    public async Task Unknown_image_is_not_found()
    {
        var e = await Assert.ThrowsAsync<DrydockException>(() => _images.ResolveAsync("nothing:here"));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Contains("nothing:here", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_target_resolves_the_host_platform_manifest()
    {
        ResolvedImage host = await TestImages.CreateAsync(_images, null, "host");
        var other = new Platform("s390x", "linux");
        var index = new ImageIndex
        {
            Manifests =
            [
                host.ManifestDescriptor with { Platform = new Platform("s390x-other", "linux") },
                host.ManifestDescriptor with { Platform = Platform.Host },
            ],
        };
        Descriptor indexDescriptor = await _images.Content.WriteBlobAsync(OciJson.Serialize(index), MediaTypes.OciImageIndex);
        await _images.NameAsync("multi:1", indexDescriptor);

        ResolvedImage multi = await _images.ResolveAsync("multi:1");
        Assert.Equal(host.Id, multi.Id);
        Assert.Equal(indexDescriptor.Digest, multi.Target.Digest);

        var onlyOther = new ImageIndex { Manifests = [host.ManifestDescriptor with { Platform = other }] };
        Descriptor otherDescriptor = await _images.Content.WriteBlobAsync(OciJson.Serialize(onlyOther), MediaTypes.OciImageIndex);
        var e = await Assert.ThrowsAsync<DrydockException>(() => _images.NameAsync("other:1", otherDescriptor));
        Assert.Contains("linux/s390x", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moving_a_tag_leaves_the_old_image_dangling()
    {
        ResolvedImage first = await TestImages.CreateAsync(_images, "app:1", "one");
        ResolvedImage second = await TestImages.CreateAsync(_images, "app:1", "two");

        IReadOnlyList<ImageSummary> rows = await _images.ListAsync();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.IsDangling && r.Id == first.Id);
        Assert.Contains(rows, r => r.Name == "docker.io/library/app:1" && r.Id == second.Id);

        // naming the dangling image again removes its <none> record
        await _images.TagAsync(first.Id.Encoded[..12], "app:old");
        rows = await _images.ListAsync();
        Assert.DoesNotContain(rows, r => r.IsDangling);
    }

    [Fact]
    public async Task Tag_adds_a_name_and_rmi_of_one_name_only_untags()
    {
        ResolvedImage image = await TestImages.CreateAsync(_images, "app:1", "x");
        await _images.TagAsync("app:1", "localhost:5000/app:2");

        Assert.Equal(["docker.io/library/app:1", "localhost:5000/app:2"], (await _images.ResolveAsync("app:1")).Names);

        RemovedImage removed = await _images.RemoveAsync("app:1", force: false);
        Assert.Equal(["app:1"], removed.Untagged);
        Assert.Empty(removed.Deleted);
        Assert.Equal(image.Id, (await _images.ResolveAsync("localhost:5000/app:2")).Id);

        removed = await _images.RemoveAsync("localhost:5000/app:2", force: false);
        Assert.Equal([image.Id], removed.Deleted);
        Assert.Empty(await _images.ListAsync());
    }

    [Fact]
    public async Task Rmi_by_id_with_several_names_needs_force()
    {
        ResolvedImage image = await TestImages.CreateAsync(_images, "a:1", "x");
        await _images.TagAsync("a:1", "b:1");

        var e = await Assert.ThrowsAsync<DrydockException>(() => _images.RemoveAsync(image.Id.Encoded[..12], force: false));
        Assert.Contains("must be forced", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await _images.ListAsync()).Count);

        RemovedImage removed = await _images.RemoveAsync(image.Id.Encoded[..12], force: true);
        Assert.Equal(["a:1", "b:1"], removed.Untagged.Order());
        Assert.Empty(await _images.ListAsync());
    }

    [Fact]
    public async Task Rmi_refuses_an_image_a_container_uses_unless_forced()
    {
        var usage = new FixedUsage();
        var images = ImageService.Open(new DrydockRoot(_dir.Path), usage);
        ResolvedImage image = await TestImages.CreateAsync(images, "busy:1", "x");
        usage.Using[image.Id] = ["c0ffee"];

        var e = await Assert.ThrowsAsync<DrydockException>(() => images.RemoveAsync("busy:1", force: false));
        Assert.Contains("container c0ffee", e.Message, StringComparison.Ordinal);
        Assert.Single(await images.ListAsync());

        await images.RemoveAsync("busy:1", force: true);
        Assert.Empty(await images.ListAsync());
    }

    [Fact]
    public async Task Listing_reads_content_for_records_written_without_cached_facts()
    {
        ResolvedImage image = await TestImages.CreateAsync(_images, "cached:1", "abc");
        ImageSummary cached = Assert.Single(await _images.ListAsync());
        Assert.NotNull((await _images.Images.TryGetAsync("docker.io/library/cached:1"))!.Facts);

        // a record another writer stored without facts lists the same
        await _images.Images.SetAsync(new ImageRecord("docker.io/library/bare:1", image.Target, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));
        await _images.Images.DeleteAsync("docker.io/library/cached:1");
        ImageSummary bare = Assert.Single(await _images.ListAsync());
        Assert.Equal((cached.Id, cached.Size, cached.Created), (bare.Id, bare.Size, bare.Created));
        Assert.Equal(image.Size, bare.Size);
    }

    [Fact]
    public async Task History_lists_newest_first_with_layer_sizes()
    {
        ResolvedImage image = await TestImages.CreateAsync(_images, "h:1", "aa", "bbbb");
        IReadOnlyList<HistoryRow> rows = await _images.HistoryAsync("h:1");
        Assert.Equal(["step 1", "step 0"], rows.Select(r => r.CreatedBy));
        Assert.Equal([4L, 2L], rows.Select(r => r.Size));
        Assert.Equal(image.Id, rows[0].Id);
        Assert.Null(rows[1].Id);
    }

    [Fact]
    public async Task Create_refuses_a_manifest_whose_layer_is_missing()
    {
        var manifest = new ImageManifest
        {
            Config = new Descriptor(MediaTypes.OciImageConfig, default, 0),
            Layers = [new Descriptor(MediaTypes.OciLayer, Digest.Sha256([1]), 1)],
        };
        var e = await Assert.ThrowsAsync<DrydockException>(() => _images.CreateImageAsync("x:1", manifest, new ImageConfig()));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Empty(await _images.ListRecordsAsync());
    }

    private sealed class FixedUsage : IImageUsage
    {
        public Dictionary<Digest, IReadOnlyList<string>> Using { get; } = [];

        public ValueTask<IReadOnlyList<string>> ContainersUsingAsync(Digest imageId, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(Using.TryGetValue(imageId, out var c) ? c : (IReadOnlyList<string>)[]);
    }
}

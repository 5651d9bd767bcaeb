using System.Text.Json;
using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Exporter.Archive;
using Drydock.TestKit;

namespace Drydock.Exporter.Tests.Archive;

/// <summary>Archives Drydock writes are read by skopeo and umoci, and layouts they write load into Drydock.</summary>
public sealed class InteropTests : IDisposable
{
    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Oci_archive_is_read_by_skopeo_inspect()
    {
        ResolvedImage image = await _store.CreateImageAsync("app:1", "hello");
        string archive = _store.Path("app.tar");
        await using (var f = File.Create(archive))
            await OciArchiveWriter.WriteAsync(_store.Images.Content, [new ExportedImage("docker.io/library/app:1", image.Target)], f);

        using JsonDocument info = JsonDocument.Parse(await Tools.RunAsync("skopeo", "inspect", $"oci-archive:{archive}:1"));
        Assert.Equal(image.Target.Digest.ToString(), info.RootElement.GetProperty("Digest").GetString());
        Assert.Equal(image.Manifest.Layers[0].Digest.ToString(), info.RootElement.GetProperty("Layers")[0].GetString());
        using JsonDocument config = JsonDocument.Parse(await Tools.RunAsync("skopeo", "inspect", "--config", $"oci-archive:{archive}:1"));
        Assert.Equal("/hello", config.RootElement.GetProperty("config").GetProperty("Cmd")[0].GetString());
    }

    [Fact]
    public async Task Oci_layout_is_unpacked_by_umoci()
    {
        ResolvedImage image = await _store.CreateImageAsync("app:1", "hello from drydock");
        string layout = _store.Path("layout");
        await OciLayoutWriter.WriteAsync(_store.Images.Content, [new ExportedImage("docker.io/library/app:1", image.Target)], layout);
        await Tools.RunAsync("skopeo", "inspect", $"oci:{layout}:1");

        string bundle = _store.Path("bundle");
        await Tools.RunAsync("umoci", "unpack", "--image", $"{layout}:1", bundle);
        Assert.Equal("hello from drydock", await File.ReadAllTextAsync(Path.Combine(bundle, "rootfs", "hello.txt")));
    }

    [Fact]
    public async Task Docker_archive_is_copied_by_skopeo()
    {
        ResolvedImage image = await _store.CreateImageAsync("app:1", "hello");
        string archive = _store.Path("docker.tar");
        await using (var f = File.Create(archive))
            await DockerArchiveWriter.WriteAsync(_store.Images.Content, [new ExportedImage("docker.io/library/app:1", image.Target)], f);

        string layout = _store.Path("copied");
        await Tools.RunAsync("skopeo", "copy", $"docker-archive:{archive}", $"oci:{layout}:copied");
        using JsonDocument config = JsonDocument.Parse(await Tools.RunAsync("skopeo", "inspect", "--config", $"oci:{layout}:copied"));
        Assert.Equal(image.Config.RootFS.DiffIds[0].ToString(), config.RootElement.GetProperty("rootfs").GetProperty("diff_ids")[0].GetString());
        using JsonDocument inspected = JsonDocument.Parse(await Tools.RunAsync("skopeo", "inspect", $"docker-archive:{archive}"));
        Assert.Equal(image.Config.RootFS.DiffIds[0].ToString(), inspected.RootElement.GetProperty("Layers")[0].GetString());
    }

    [Fact]
    public async Task Layout_made_by_skopeo_loads_and_round_trips_byte_identical()
    {
        // skopeo writes its own manifest and config encoding; loading and saving again must keep every byte
        ResolvedImage image = await _store.CreateImageAsync("app:1", "round trip");
        string archive = _store.Path("ours.tar");
        await using (var f = File.Create(archive))
            await DockerArchiveWriter.WriteAsync(_store.Images.Content, [new ExportedImage("docker.io/library/app:1", image.Target)], f);
        string skopeoLayout = _store.Path("skopeo-layout");
        await Tools.RunAsync("skopeo", "copy", "--format", "v2s2", $"docker-archive:{archive}", $"oci:{skopeoLayout}:v1");

        using var fresh = new StoreFixture();
        IReadOnlyList<LoadedImage> loaded = await fresh.Loader.LoadAsync(skopeoLayout);
        LoadedImage only = Assert.Single(loaded);
        Assert.Null(only.Name); // a bare tag is not a name

        string saved = fresh.Path("saved-layout");
        await OciLayoutWriter.WriteAsync(fresh.Images.Content, [new ExportedImage(null, only.Image.Target)], saved);
        AssertSameBlobs(skopeoLayout, saved);
        using JsonDocument index = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(skopeoLayout, "index.json")));
        Assert.Equal(index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString(), only.Image.Target.Digest.ToString());
    }

    [Fact]
    public async Task Layout_made_by_umoci_loads_under_the_name_pull_gives_it()
    {
        string layout = _store.Path("umoci-layout");
        await Tools.RunAsync("umoci", "init", "--layout", layout);
        await Tools.RunAsync("umoci", "new", "--image", $"{layout}:base");
        await Tools.RunAsync("umoci", "config", "--image", $"{layout}:base", "--config.cmd", "/bin/true", "--architecture", Core.Oci.Platform.Host.Architecture);

        var source = Transports.ImageSource.Parse($"oci-layout://{layout}:base");
        LoadedImage loaded = Assert.Single(await _store.Loader.LoadAsync(source.Path, source.Options));
        Assert.Equal("localhost/umoci-layout:base", loaded.Name);
        ResolvedImage image = await _store.Images.ResolveAsync("localhost/umoci-layout:base");
        Assert.Equal(["/bin/true"], image.Config.Config!.Cmd);

        string saved = _store.Path("saved");
        await OciLayoutWriter.WriteAsync(_store.Images.Content, [new ExportedImage(null, image.Target)], saved);
        // umoci keeps the blobs of the image it replaced in the layout: ours must be the reachable subset, byte for byte
        AssertSameBlobs(layout, saved, subset: true);
    }

    [Fact]
    public async Task Docker_archive_round_trips_names_and_ids_through_a_fresh_store()
    {
        ResolvedImage a = await _store.CreateImageAsync("app:1", "a");
        await _store.Images.TagAsync("app:1", "localhost:5000/team/app:v2");
        ResolvedImage b = await _store.CreateImageAsync("other:latest", "b");
        string archive = _store.Path("both.tar");
        await using (var f = File.Create(archive))
            await DockerArchiveWriter.WriteAsync(_store.Images.Content,
                [new("docker.io/library/app:1", a.Target), new("localhost:5000/team/app:v2", a.Target), new("docker.io/library/other:latest", b.Target)], f);

        using var fresh = new StoreFixture();
        IReadOnlyList<LoadedImage> loaded = await fresh.Loader.LoadAsync(archive);
        Assert.Equal(3, loaded.Count);
        Assert.Equal(a.Id, (await fresh.Images.ResolveAsync("localhost:5000/team/app:v2")).Id);
        Assert.Equal(a.Id, (await fresh.Images.ResolveAsync("app:1")).Id);
        Assert.Equal(b.Target.Digest, (await fresh.Images.ResolveAsync("other")).Target.Digest);
    }

    [Fact]
    public async Task Saving_twice_gives_identical_archives()
    {
        ResolvedImage image = await _store.CreateImageAsync("app:1", "same");
        byte[] first = await SaveAsync(image), second = await SaveAsync(image);
        Assert.Equal(first, second);
        // plain ustar headers only: a PAX header of .NET's TarWriter is named after the process ID, which differs between two saves
        using var reader = new System.Formats.Tar.TarReader(new MemoryStream(first));
        var entries = new List<System.Formats.Tar.TarEntry>();
        while (reader.GetNextEntry() is { } entry) entries.Add(entry);
        Assert.All(entries, e => Assert.Equal(System.Formats.Tar.TarEntryFormat.Ustar, e.Format));
        Assert.All(entries, e => Assert.Equal(DateTimeOffset.UnixEpoch, e.ModificationTime));
        Assert.Equal(["blobs/", "blobs/sha256/", "oci-layout", "index.json", "manifest.json", "repositories"],
            entries.Select(e => e.Name).Where(n => !n.StartsWith("blobs/sha256/", StringComparison.Ordinal) || n.Length == "blobs/sha256/".Length));

        async Task<byte[]> SaveAsync(ResolvedImage i)
        {
            using var ms = new MemoryStream();
            await DockerArchiveWriter.WriteAsync(_store.Images.Content, [new ExportedImage("docker.io/library/app:1", i.Target)], ms);
            return ms.ToArray();
        }
    }

    private static void AssertSameBlobs(string expectedLayout, string actualLayout, bool subset = false)
    {
        string expectedBlobs = Path.Combine(expectedLayout, "blobs", "sha256");
        var expected = Directory.GetFiles(expectedBlobs).Select(Path.GetFileName).Order().ToList();
        var actual = Directory.GetFiles(Path.Combine(actualLayout, "blobs", "sha256")).Select(Path.GetFileName).Order().ToList();
        if (subset) Assert.Subset(expected.ToHashSet(), actual.ToHashSet());
        else Assert.Equal(expected, actual);
        foreach (string name in actual!)
            Assert.Equal(File.ReadAllBytes(Path.Combine(expectedBlobs, name!)), File.ReadAllBytes(Path.Combine(actualLayout, "blobs", "sha256", name!)));
    }
}

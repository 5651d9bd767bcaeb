using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Core.Oci;
using Drydock.Exporter.Archive;
using Drydock.Exporter.Transports;

namespace Drydock.Exporter.Tests.Archive;

public sealed class LoadFormatsTests : IDisposable
{
    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Legacy_docker_archive_with_layer_tar_directories_loads()
    {
        byte[] layer = StoreFixture.LayerTar(("etc/motd", "legacy"));
        var config = new ImageConfig { RootFS = new RootFS { DiffIds = [Digest.Sha256(layer)] }, Config = new ContainerConfig { Cmd = ["sh"] } };
        byte[] configJson = OciJson.Serialize(config);
        string configName = Digest.Sha256(configJson).Encoded + ".json";
        string manifest = $$"""[{"Config":"{{configName}}","RepoTags":["legacy:1.0"],"Layers":["abc123/layer.tar"]}]""";
        string file = _store.Path("legacy.tar");
        await WriteTarAsync(file, ("manifest.json", System.Text.Encoding.UTF8.GetBytes(manifest)), (configName, configJson), ("abc123/layer.tar", layer),
            ("repositories", """{"legacy":{"1.0":"abc123"}}"""u8.ToArray()));

        LoadedImage loaded = Assert.Single(await _store.Loader.LoadAsync(file));
        Assert.Equal("docker.io/library/legacy:1.0", loaded.Name);
        ResolvedImage image = await _store.Images.ResolveAsync("legacy:1.0");
        Assert.Equal(MediaTypes.DockerManifest, image.Target.MediaType);
        Assert.Equal(MediaTypes.DockerLayer, image.Manifest.Layers[0].MediaType);
        Assert.Equal(Digest.Sha256(configJson), image.Id);
    }

    [Fact]
    public async Task Legacy_layer_that_does_not_match_its_diff_id_is_refused()
    {
        byte[] layer = StoreFixture.LayerTar(("etc/motd", "legacy"));
        var config = new ImageConfig { RootFS = new RootFS { DiffIds = [Digest.Sha256([1, 2, 3])] } };
        byte[] configJson = OciJson.Serialize(config);
        string file = _store.Path("bad-legacy.tar");
        await WriteTarAsync(file, ("manifest.json", """[{"Config":"c.json","RepoTags":["x:1"],"Layers":["l/layer.tar"]}]"""u8.ToArray()), ("c.json", configJson), ("l/layer.tar", layer));
        var e = await Assert.ThrowsAsync<DrydockException>(() => _store.Loader.LoadAsync(file));
        Assert.Contains("layer 'l/layer.tar' is corrupt", e.InnerException!.Message, StringComparison.Ordinal);
        Assert.Empty(await _store.Images.ListRecordsAsync());
    }

    [Fact]
    public async Task Gzipped_oci_archive_loads_and_a_bare_tag_is_not_a_name()
    {
        ResolvedImage image = await _store.CreateImageAsync(null, "gz");
        using var tar = new MemoryStream();
        await OciArchiveWriter.WriteAsync(_store.Images.Content, [new ExportedImage("docker.io/library/gz:1", image.Target)], tar);
        string file = _store.Path("image.tar.gz");
        await using (var f = File.Create(file))
        await using (var z = new GZipStream(f, CompressionLevel.Fastest))
            await z.WriteAsync(tar.ToArray());

        using var fresh = new StoreFixture();
        LoadedImage loaded = Assert.Single(await fresh.Loader.LoadAsync(file));
        Assert.Equal("docker.io/library/gz:1", loaded.Name); // io.containerd.image.name carries the full name
        Assert.Equal(image.Id, loaded.Image.Id);
    }

    [Fact]
    public async Task Oci_archive_index_json_names_each_entry_by_tag_and_full_name()
    {
        ResolvedImage image = await _store.CreateImageAsync("app:1", "x");
        using var tar = new MemoryStream();
        await OciArchiveWriter.WriteAsync(_store.Images.Content, [new ExportedImage("localhost:5000/app:v1", image.Target)], tar);
        tar.Position = 0;
        using var reader = new TarReader(tar);
        var names = new List<string>();
        JsonDocument? index = null;
        while (reader.GetNextEntry() is { } e)
        {
            names.Add(e.Name);
            if (e.Name == "index.json") index = JsonDocument.Parse(e.DataStream!);
        }
        Assert.Contains("oci-layout", names);
        Assert.Contains($"blobs/sha256/{image.Target.Digest.Encoded}", names);
        Assert.DoesNotContain("manifest.json", names);
        var annotations = index!.RootElement.GetProperty("manifests")[0].GetProperty("annotations");
        Assert.Equal("v1", annotations.GetProperty("org.opencontainers.image.ref.name").GetString());
        Assert.Equal("localhost:5000/app:v1", annotations.GetProperty("io.containerd.image.name").GetString());
    }

    [Fact]
    public async Task Pull_selects_by_tag_or_digest_and_refuses_registries()
    {
        ResolvedImage one = await _store.CreateImageAsync(null, "one");
        ResolvedImage two = await _store.CreateImageAsync(null, "two");
        string layout = _store.Path("My-Layout");
        await OciLayoutWriter.WriteAsync(_store.Images.Content, [new ExportedImage("docker.io/library/x:one", one.Target), new ExportedImage("docker.io/library/x:two", two.Target)], layout);

        using var fresh = new StoreFixture();
        var byTag = ImageSource.Parse($"oci-layout://{layout}:two");
        Assert.Equal("docker.io/library/x:two", Assert.Single(await fresh.Loader.LoadAsync(byTag.Path, byTag.Options)).Name);
        Assert.Null(await fresh.Images.TryResolveAsync("x:one"));

        var byDigest = ImageSource.Parse($"oci-layout://{layout}@{one.Target.Digest}");
        Assert.Equal(one.Id, Assert.Single(await fresh.Loader.LoadAsync(byDigest.Path, byDigest.Options)).Image.Id);

        var missing = ImageSource.Parse($"oci-layout://{layout}:three");
        var e = await Assert.ThrowsAsync<DrydockException>(() => fresh.Loader.LoadAsync(missing.Path, missing.Options));
        Assert.Contains("no image with tag 'three'", e.InnerException!.Message, StringComparison.Ordinal);

        var registry = Assert.Throws<DrydockException>(() => ImageSource.Parse("busybox:latest"));
        Assert.Equal(ErrorKind.Unsupported, registry.Kind);
        Assert.Contains("pulling from registries is not supported yet", registry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docker_25_archive_without_name_annotations_takes_names_from_manifest_json()
    {
        ResolvedImage image = await _store.CreateImageAsync(null, "d25");
        string dir = _store.Path("d25");
        await OciLayoutWriter.WriteAsync(_store.Images.Content, [new ExportedImage(null, image.Target)], dir);
        string manifestJson = $$"""[{"Config":"blobs/sha256/{{image.Id.Encoded}}","RepoTags":["example.com/team/d25:3"],"Layers":["blobs/sha256/{{image.Manifest.Layers[0].Digest.Encoded}}"]}]""";
        await File.WriteAllTextAsync(Path.Combine(dir, "manifest.json"), manifestJson);
        string file = _store.Path("d25.tar");
        await TarFile.CreateFromDirectoryAsync(dir, file, includeBaseDirectory: false);

        using var fresh = new StoreFixture();
        LoadedImage loaded = Assert.Single(await fresh.Loader.LoadAsync(file));
        Assert.Equal("example.com/team/d25:3", loaded.Name);
        Assert.Equal(image.Target.Digest, loaded.Image.Target.Digest); // the OCI manifest is kept byte for byte
    }

    [Fact]
    public async Task Index_with_an_attestation_and_an_absent_platform_loads()
    {
        ResolvedImage host = await _store.CreateImageAsync(null, "multi");
        Descriptor statement = await Core.Content.ContentStoreExtensions.WriteBlobAsync(_store.Images.Content, "{\"_type\":\"https://in-toto.io/Statement/v0.1\"}"u8.ToArray(), "application/vnd.in-toto+json");
        Descriptor emptyConfig = await Core.Content.ContentStoreExtensions.WriteBlobAsync(_store.Images.Content, "{}"u8.ToArray(), MediaTypes.OciImageConfig);
        var attestation = new ImageManifest { Config = emptyConfig, Layers = [statement] };
        Descriptor attestationDescriptor = await Core.Content.ContentStoreExtensions.WriteBlobAsync(_store.Images.Content, OciJson.Serialize(attestation), MediaTypes.OciImageManifest);
        var index = new ImageIndex
        {
            Manifests =
            [
                host.ManifestDescriptor with { Platform = Platform.Host },
                new Descriptor(MediaTypes.OciImageManifest, Digest.Sha256("elsewhere"u8), 500) { Platform = new Platform("riscv64", "linux") },
                attestationDescriptor with
                {
                    Platform = new Platform("unknown", "unknown"),
                    Annotations = new Dictionary<string, string> { ["vnd.docker.reference.type"] = "attestation-manifest", ["vnd.docker.reference.digest"] = host.ManifestDescriptor.Digest.ToString() },
                },
            ],
        };
        Descriptor indexDescriptor = await Core.Content.ContentStoreExtensions.WriteBlobAsync(_store.Images.Content, OciJson.Serialize(index), MediaTypes.OciImageIndex);
        // a layout holding the index with only what exists (the riscv64 manifest is absent), written by hand as docker would
        string layout = _store.Path("multi-layout");
        Directory.CreateDirectory(Path.Combine(layout, "blobs", "sha256"));
        foreach (Descriptor d in new[] { indexDescriptor, host.ManifestDescriptor, host.ConfigDescriptor, host.Manifest.Layers[0], attestationDescriptor, emptyConfig, statement })
            await File.WriteAllBytesAsync(Path.Combine(layout, "blobs", "sha256", d.Digest.Encoded), await Core.Content.ContentStoreExtensions.ReadAllBytesAsync(_store.Images.Content, d.Digest));
        var named = indexDescriptor with { Annotations = new Dictionary<string, string> { ["io.containerd.image.name"] = "docker.io/library/multi:1" } };
        await File.WriteAllBytesAsync(Path.Combine(layout, "index.json"), OciJson.Serialize(new ImageIndex { Manifests = [named] }));
        await File.WriteAllBytesAsync(Path.Combine(layout, "oci-layout"), OciJson.Serialize(new OciLayout()));

        using var fresh = new StoreFixture();
        LoadedImage loaded = Assert.Single(await fresh.Loader.LoadAsync(layout));
        Assert.Equal(host.Id, loaded.Image.Id);
        Assert.Equal(indexDescriptor.Digest, loaded.Image.Target.Digest);
        Assert.True(await Core.Content.ContentStoreExtensions.ExistsAsync(fresh.Images.Content, statement.Digest));

        // saving falls back to the host manifest, so the archive never lists a blob it lacks
        string saved = fresh.Path("saved");
        await OciLayoutWriter.WriteAsync(fresh.Images.Content, [new ExportedImage("docker.io/library/multi:1", loaded.Image.Target)], saved);
        await Tools.RunAsync("skopeo", "inspect", $"oci:{saved}:1");
    }

    private static async Task WriteTarAsync(string file, params (string Name, byte[] Data)[] entries)
    {
        await using var f = File.Create(file);
        var tar = new TarWriter(f, TarEntryFormat.Pax);
        await using (tar)
        {
            foreach (var (name, data) in entries)
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
        }
    }
}

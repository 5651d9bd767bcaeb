using System.Formats.Tar;
using System.IO.Compression;

using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Core.Oci;
using Drydock.Exporter.Archive;

namespace Drydock.Exporter.Tests.Archive;

/// <summary>Every kind of bad archive fails with one clear error naming the file, and leaves the store exactly as it was.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly StoreFixture _source = new();
    private readonly StoreFixture _target = new();

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
    }

    [Fact]
    public async Task Truncated_archive()
    {
        byte[] good = await SaveAsync();
        string file = _source.Path("truncated.tar");
        // cut inside the first blob, after the headers of blobs/, blobs/sha256/ and the blob itself
        await File.WriteAllBytesAsync(file, good.AsSpan(0, 3 * 512 + 10).ToArray());
        await AssertFailsUnchangedAsync(file, "failed to load", "truncated.tar");
    }

    [Fact]
    public async Task Truncated_gzip_archive()
    {
        byte[] good = await SaveAsync();
        using var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) z.Write(good);
        string file = _source.Path("truncated.tar.gz");
        await File.WriteAllBytesAsync(file, gz.ToArray().AsSpan(0, (int)gz.Length / 2).ToArray());
        await AssertFailsUnchangedAsync(file, "truncated", "truncated.tar.gz");
    }

    [Fact]
    public async Task Blob_whose_digest_does_not_match()
    {
        ResolvedImage image = await _source.CreateImageAsync("app:1", "x");
        string layer = LayoutPaths.Blob(image.Manifest.Layers[0].Digest);
        string file = await RewriteAsync("mismatch.tar", (name, data) => name == layer ? Flip(data) : data);
        await AssertFailsUnchangedAsync(file, "digest mismatch", "mismatch.tar", layer);
    }

    [Fact]
    public async Task Manifest_pointing_to_a_missing_blob()
    {
        ResolvedImage image = await _source.CreateImageAsync("app:1", "x");
        string layer = LayoutPaths.Blob(image.Manifest.Layers[0].Digest);
        string file = await RewriteAsync("missing.tar", (name, data) => name == layer ? null : data);
        await AssertFailsUnchangedAsync(file, "is missing from the archive", "missing.tar", layer);
    }

    [Fact]
    public async Task Unknown_layer_media_type()
    {
        ResolvedImage image = await _source.CreateImageAsync("app:1", "x");
        // a manifest with an unknown layer type, stored and named, then saved
        ImageManifest odd = image.Manifest with { Layers = [image.Manifest.Layers[0] with { MediaType = "application/vnd.example.mystery" }] };
        Descriptor manifest = await Core.Content.ContentStoreExtensions.WriteBlobAsync(_source.Images.Content, OciJson.Serialize(odd), MediaTypes.OciImageManifest);
        string file = _source.Path("mystery.tar");
        await using (var f = File.Create(file))
        {
            var tar = new TarWriter(f, TarEntryFormat.Pax);
            await using (tar)
            {
                await AddAsync(tar, "oci-layout", OciJson.Serialize(new OciLayout()));
                await AddAsync(tar, "index.json", OciJson.Serialize(new ImageIndex { Manifests = [manifest] }));
                foreach (Descriptor d in new[] { manifest, image.ConfigDescriptor, image.Manifest.Layers[0] })
                    await AddAsync(tar, LayoutPaths.Blob(d.Digest), await Core.Content.ContentStoreExtensions.ReadAllBytesAsync(_source.Images.Content, d.Digest));
            }
        }
        await AssertFailsUnchangedAsync(file, "unknown media type 'application/vnd.example.mystery'", "mystery.tar");
    }

    [Fact]
    public async Task Not_an_image_archive()
    {
        string file = _source.Path("plain.tar");
        await File.WriteAllBytesAsync(file, StoreFixture.LayerTar(("a.txt", "a")));
        await AssertFailsUnchangedAsync(file, "neither index.json (OCI) nor manifest.json (docker)", "plain.tar");
    }

    [Fact]
    public async Task Missing_file()
    {
        var e = await Assert.ThrowsAsync<DrydockException>(() => _target.Loader.LoadAsync(_source.Path("nope.tar")));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
        Assert.Contains("nope.tar", e.Message, StringComparison.Ordinal);
    }

    private async Task AssertFailsUnchangedAsync(string file, params string[] expected)
    {
        // the target already holds an image, so "unchanged" covers records and blobs alike
        await _target.CreateImageAsync("existing:1", "existing");
        var before = _target.Snapshot();
        var e = await Assert.ThrowsAsync<DrydockException>(() => _target.Loader.LoadAsync(file));
        string message = e.Message + (e.InnerException is null ? "" : ": " + e.InnerException.Message);
        foreach (string s in expected) Assert.Contains(s, message, StringComparison.Ordinal);
        Assert.Equal(before, _target.Snapshot());
    }

    private async Task<byte[]> SaveAsync()
    {
        ResolvedImage image = await _source.CreateImageAsync("app:1", new string('x', 10000));
        using var ms = new MemoryStream();
        await DockerArchiveWriter.WriteAsync(_source.Images.Content, [new ExportedImage("docker.io/library/app:1", image.Target)], ms);
        return ms.ToArray();
    }

    /// <summary>Saves app:1 and rewrites its entries (null drops one).</summary>
    private async Task<string> RewriteAsync(string fileName, Func<string, byte[], byte[]?> change)
    {
        ResolvedImage image = await _source.Images.ResolveAsync("app:1");
        using var ms = new MemoryStream();
        await OciArchiveWriter.WriteAsync(_source.Images.Content, [new ExportedImage("docker.io/library/app:1", image.Target)], ms);
        ms.Position = 0;
        string file = _source.Path(fileName);
        await using var output = File.Create(file);
        var writer = new TarWriter(output, TarEntryFormat.Pax);
        await using (writer)
        {
            using var reader = new TarReader(ms);
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType != TarEntryType.RegularFile) continue;
                using var data = new MemoryStream();
                entry.DataStream!.CopyTo(data);
                if (change(entry.Name, data.ToArray()) is { } changed) await AddAsync(writer, entry.Name, changed);
            }
        }
        return file;
    }

    private static async Task AddAsync(TarWriter tar, string name, byte[] data)
        => await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });

    private static byte[] Flip(byte[] data)
    {
        byte[] copy = (byte[])data.Clone();
        copy[^1] ^= 0xff;
        return copy;
    }

}

using System.Formats.Tar;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Images;
using Drydock.Core.Layers;
using Drydock.Core.Leases;
using Drydock.Core.Oci;
using Drydock.Exporter.Archive;
using Drydock.Exporter.Import;
using Drydock.Exporter.Tests.Archive;

namespace Drydock.Exporter.Tests.Import;

public sealed class ImageImporterTests : IDisposable
{
    private readonly StoreFixture _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Directory_becomes_a_one_layer_image_with_changes_applied()
    {
        string rootfs = _store.Path("rootfs");
        Directory.CreateDirectory(Path.Combine(rootfs, "etc"));
        await File.WriteAllTextAsync(Path.Combine(rootfs, "etc", "motd"), "imported");
        var importer = new ImageImporter(_store.Images, new LeaseManager(_store.Root), UncompressedTarOfDirectoryAsync);

        ResolvedImage image = await importer.ImportAsync(rootfs, "imported:1", ["CMD [\"/bin/sh\"]", "ENV A=1 B=\"two words\"", "WORKDIR /srv", "EXPOSE 80 53/udp", "LABEL maintainer=drydock"]);

        Assert.Equal(image.Id, (await _store.Images.ResolveAsync("imported:1")).Id);
        Assert.Single(image.Manifest.Layers);
        Assert.Equal(Platform.Host.Architecture, image.Config.Architecture);
        ContainerConfig c = image.Config.Config!;
        Assert.Equal(["/bin/sh"], c.Cmd);
        Assert.Equal(["A=1", "B=two words"], c.Env);
        Assert.Equal("/srv", c.WorkingDir);
        Assert.Equal(["53/udp", "80/tcp"], c.ExposedPorts!.Keys.Order());
        Assert.Equal("drydock", c.Labels!["maintainer"]);
        Assert.Equal("Imported from rootfs", image.Config.History![0].Comment);

        // the image is a real one: umoci unpacks it
        string layout = _store.Path("layout");
        await OciLayoutWriter.WriteAsync(_store.Images.Content, [new ExportedImage("docker.io/library/imported:1", image.Target)], layout);
        await Tools.RunAsync("umoci", "unpack", "--image", $"{layout}:1", _store.Path("bundle"));
        Assert.Equal("imported", await File.ReadAllTextAsync(_store.Path("bundle/rootfs/etc/motd")));
    }

    [Theory]
    [InlineData("RUN make", "unsupported instruction 'RUN'")]
    [InlineData("CMD [\"unterminated", "expected a JSON array")]
    [InlineData("ENV", "ENV needs an argument")]
    public async Task Bad_change_fails_before_anything_is_written(string change, string why)
    {
        string rootfs = _store.Path("rootfs");
        Directory.CreateDirectory(rootfs);
        bool wrote = false;
        var importer = new ImageImporter(_store.Images, new LeaseManager(_store.Root), (s, p, ct) => { wrote = true; return UncompressedTarOfDirectoryAsync(s, p, ct); });
        var e = await Assert.ThrowsAsync<DrydockException>(() => importer.ImportAsync(rootfs, "x:1", [change]));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
        Assert.False(wrote);
    }

    [Fact]
    public async Task Missing_source_is_not_found()
    {
        var importer = new ImageImporter(_store.Images, new LeaseManager(_store.Root), UncompressedTarOfDirectoryAsync);
        var e = await Assert.ThrowsAsync<DrydockException>(() => importer.ImportAsync(_store.Path("nope"), "x:1", []));
        Assert.Equal(ErrorKind.NotFound, e.Kind);
    }

    [Fact]
    public void Shell_form_commands_run_through_sh()
    {
        ContainerConfig c = ImageChanges.Apply(new ContainerConfig(), ["ENTRYPOINT echo hi", "USER 1000:1000", "VOLUME /data /cache", "STOPSIGNAL SIGINT"]);
        Assert.Equal(["/bin/sh", "-c", "echo hi"], c.Entrypoint);
        Assert.Equal("1000:1000", c.User);
        Assert.Equal(["/cache", "/data"], c.Volumes!.Keys.Order());
        Assert.Equal("SIGINT", c.StopSignal);
    }

    /// <summary>A stand-in for the layers room's writer: the directory as one uncompressed tar.</summary>
    private static async ValueTask<Layer> UncompressedTarOfDirectoryAsync(IContentStore store, string source, CancellationToken ct)
    {
        using var tar = new MemoryStream();
        await TarFile.CreateFromDirectoryAsync(source, tar, includeBaseDirectory: false, ct);
        Descriptor d = await store.WriteBlobAsync(tar.ToArray(), MediaTypes.OciLayer, ct);
        return new Layer(d, d.Digest);
    }
}

using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Images;
using Drydock.Core.Leases;
using Drydock.Core.Oci;
using Drydock.Exporter.Archive;
using Drydock.TestKit;

namespace Drydock.Exporter.Tests.Archive;

/// <summary>A fresh store with helpers to make small real images (gzip'd tar layers) and to snapshot the store's files.</summary>
internal sealed class StoreFixture : IDisposable
{
    private readonly TempDir _dir = new("drydock-exporter");

    public StoreFixture()
    {
        Root = new DrydockRoot(_dir.Combine("root"));
        Images = ImageService.Open(Root);
        Loader = new ArchiveLoader(Images, new LeaseManager(Root));
    }

    public DrydockRoot Root { get; }

    public ImageService Images { get; }

    public ArchiveLoader Loader { get; }

    public string Path(string name) => _dir.Combine(name);

    public void Dispose() => _dir.Dispose();

    /// <summary>An image with one gzip'd layer holding <c>/hello.txt</c> = <paramref name="text"/>.</summary>
    public async Task<ResolvedImage> CreateImageAsync(string? name, string text)
    {
        byte[] tar = LayerTar(("hello.txt", text));
        using var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) z.Write(tar);
        Descriptor layer = await Images.Content.WriteBlobAsync(gz.ToArray(), MediaTypes.OciLayerGzip);
        var config = new ImageConfig
        {
            Created = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero),
            Config = new ContainerConfig { Cmd = ["/hello"], Env = ["PATH=/usr/bin:/bin"] },
            RootFS = new RootFS { DiffIds = [Digest.Sha256(tar)] },
            History = [new HistoryEntry { CreatedBy = "COPY hello.txt /", Created = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero) }],
        };
        var manifest = new ImageManifest { Config = new Descriptor(MediaTypes.OciImageConfig, default, 0), Layers = [layer] };
        return await Images.CreateImageAsync(name, manifest, config);
    }

    public static byte[] LayerTar(params (string Name, string Text)[] files)
    {
        using var ms = new MemoryStream();
        using (var w = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                var e = new PaxTarEntry(TarEntryType.RegularFile, name)
                {
                    DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)),
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                };
                w.WriteEntry(e);
            }
        }
        return ms.ToArray();
    }

    /// <summary>Every file under the store root with its sha256, to show an operation left the store as it was.</summary>
    public Dictionary<string, string> Snapshot()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(Root.Path)) return files;
        foreach (string f in Directory.EnumerateFiles(Root.Path, "*", SearchOption.AllDirectories))
        {
            string rel = System.IO.Path.GetRelativePath(Root.Path, f);
            if (rel.EndsWith(".lock", StringComparison.Ordinal)) continue; // lock files are created empty on first use and never carry state
            files[rel] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)));
        }
        return files;
    }
}

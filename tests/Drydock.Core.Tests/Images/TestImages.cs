using Drydock.Core.Content;
using Drydock.Core.Images;
using Drydock.Core.Oci;

namespace Drydock.Core.Tests.Images;

/// <summary>Small images made of uncompressed layers of given bytes.</summary>
internal static class TestImages
{
    public static async Task<ResolvedImage> CreateAsync(ImageService images, string? name, params string[] layerContents)
    {
        var layers = new List<Descriptor>();
        foreach (string c in layerContents)
            layers.Add(await images.Content.WriteBlobAsync(System.Text.Encoding.UTF8.GetBytes(c), MediaTypes.OciLayer));
        var config = new ImageConfig
        {
            Created = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
            Architecture = Platform.Host.Architecture,
            OS = "linux",
            Config = new ContainerConfig { Cmd = ["/bin/sh"] },
            RootFS = new RootFS { DiffIds = [.. layers.Select(l => l.Digest)] },
            History = [.. layers.Select((l, i) => new HistoryEntry { CreatedBy = $"step {i}" })],
        };
        var manifest = new ImageManifest { Config = new Descriptor(MediaTypes.OciImageConfig, default, 0), Layers = layers };
        return await images.CreateImageAsync(name, manifest, config);
    }
}

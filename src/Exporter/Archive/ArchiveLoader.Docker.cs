using System.Text.Json;
using Drydock.Core;
using Drydock.Core.Oci;
using Drydock.Core.References;

namespace Drydock.Exporter.Archive;

public sealed partial class ArchiveLoader
{
    /// <summary>
    /// docker's own format (manifest.json with Config, RepoTags, Layers paths): each entry becomes a Docker
    /// schema2 manifest written at commit. Uncompressed layers must hash to the config's diff IDs.
    /// </summary>
    private static List<LoadRoot> PlanDocker(LoadPlan plan)
    {
        if (plan.Staging.TryGet(LayoutPaths.DockerManifest) is null)
            throw new DrydockException(ErrorKind.DataCorrupted, "not an image archive: it has neither index.json (OCI) nor manifest.json (docker)");
        var roots = new List<LoadRoot>();
        foreach (DockerArchiveEntry entry in ReadDockerManifest(plan))
        {
            StagedEntry config = Require(plan, entry.Config, "manifest.json");
            ImageConfig parsed = OciJson.DeserializeConfig(plan.Document(entry.Config));
            if (parsed.RootFS.DiffIds.Count != entry.Layers.Count)
                throw new DrydockException(ErrorKind.DataCorrupted, $"config '{entry.Config}' lists {parsed.RootFS.DiffIds.Count} diff IDs but manifest.json lists {entry.Layers.Count} layers");
            var layers = new List<Descriptor>();
            for (int i = 0; i < entry.Layers.Count; i++)
            {
                StagedEntry layer = Require(plan, entry.Layers[i], "manifest.json");
                LayerCompression compression = Sniff(layer.Head.Span);
                if (compression == LayerCompression.None && layer.Digest != parsed.RootFS.DiffIds[i])
                    throw new DrydockException(ErrorKind.DataCorrupted, $"layer '{layer.Path}' is corrupt: its digest {layer.Digest} is not diff ID {parsed.RootFS.DiffIds[i]} of config '{entry.Config}'");
                layers.Add(new Descriptor(DockerLayerType(compression), layer.Digest, layer.Size));
            }
            var manifest = new ImageManifest
            {
                MediaType = MediaTypes.DockerManifest,
                Config = new Descriptor(MediaTypes.DockerConfig, config.Digest, config.Size),
                Layers = layers,
            };
            Descriptor target = plan.AddSynthesized(OciJson.Serialize(manifest), MediaTypes.DockerManifest);
            var names = (entry.RepoTags ?? []).Select(t => ImageReference.Parse(t).ToString()).ToList();
            roots.Add(new LoadRoot(target, names, null));
        }
        return roots;
    }

    private static Dictionary<Digest, IReadOnlyList<string>> DockerRepoTagsByConfig(LoadPlan plan)
    {
        var byConfig = new Dictionary<Digest, IReadOnlyList<string>>();
        foreach (DockerArchiveEntry entry in ReadDockerManifest(plan))
        {
            if (plan.Staging.TryGet(entry.Config) is { } config && entry.RepoTags is { Count: > 0 } tags)
                byConfig[config.Digest] = [.. tags.Select(t => ImageReference.Parse(t).ToString())];
        }
        return byConfig;
    }

    private static List<DockerArchiveEntry> ReadDockerManifest(LoadPlan plan)
    {
        try
        {
            return JsonSerializer.Deserialize(plan.Document(LayoutPaths.DockerManifest), DockerArchiveJsonContext.Default.ListDockerArchiveEntry)
                ?? throw new DrydockException(ErrorKind.DataCorrupted, "invalid manifest.json: null");
        }
        catch (JsonException e)
        {
            throw new DrydockException(ErrorKind.DataCorrupted, $"invalid manifest.json: {e.Message}");
        }
    }

    private static StagedEntry Require(LoadPlan plan, string path, string referrer)
        => plan.Staging.TryGet(path) ?? throw new DrydockException(ErrorKind.DataCorrupted, $"'{path}' referenced by {referrer} is missing from the archive");

    private static LayerCompression Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b) return LayerCompression.Gzip;
        if (head.Length >= 4 && head[0] == 0x28 && head[1] == 0xb5 && head[2] == 0x2f && head[3] == 0xfd) return LayerCompression.Zstd;
        return LayerCompression.None;
    }

    private static string DockerLayerType(LayerCompression compression) => compression switch
    {
        LayerCompression.Gzip => MediaTypes.DockerLayerGzip,
        LayerCompression.Zstd => MediaTypes.DockerLayerZstd,
        _ => MediaTypes.DockerLayer,
    };
}

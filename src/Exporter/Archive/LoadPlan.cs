using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Core.Oci;

namespace Drydock.Exporter.Archive;

/// <summary>
/// The checks and the commit list of one load: walks from each selected root through index, manifests,
/// config and layers, requiring every blob to be present with the size its descriptor gives and a media type
/// we know. Blobs are found by digest, whatever their path (docker's legacy archives use "&lt;id&gt;/layer.tar").
/// </summary>
internal sealed class LoadPlan
{
    private readonly ArchiveStaging _staging;
    private readonly Dictionary<Digest, StagedEntry> _byDigest = [];
    private readonly Dictionary<Digest, (byte[] Bytes, string MediaType)> _synthesized = [];
    private readonly Dictionary<Digest, (StagedEntry, Descriptor)> _needed = [];

    public LoadPlan(ArchiveStaging staging)
    {
        _staging = staging;
        foreach (StagedEntry e in staging.Entries.Values)
            if (e.Writer is not null) _byDigest.TryAdd(e.Digest, e);
    }

    public ArchiveStaging Staging => _staging;

    /// <summary>Staged blobs to commit, each with the descriptor it was reached through.</summary>
    public IEnumerable<(StagedEntry Entry, Descriptor Descriptor)> Needed => _needed.Values;

    /// <summary>Blobs the load writes that the archive does not contain (manifests for docker's legacy format).</summary>
    public IEnumerable<(byte[] Bytes, string MediaType)> Synthesized => _synthesized.Values;

    public Descriptor AddSynthesized(byte[] bytes, string mediaType)
    {
        var d = new Descriptor(mediaType, Digest.Sha256(bytes), bytes.LongLength);
        _synthesized[d.Digest] = (bytes, mediaType);
        return d;
    }

    /// <summary>The in-memory bytes of a JSON document the archive holds at <paramref name="path"/>.</summary>
    public byte[] Document(string path)
    {
        StagedEntry entry = _staging.TryGet(path) ?? throw new DrydockException(ErrorKind.DataCorrupted, $"'{path}' is missing from the archive");
        return entry.Bytes ?? throw new DrydockException(ErrorKind.DataCorrupted, $"'{path}' is too large for a JSON document");
    }

    /// <summary>Fails unless an index root has a manifest for this host (an image we could not use or list).</summary>
    public void CheckResolvable(Descriptor root)
    {
        Visit(root, "index.json", collect: false);
        if (MediaTypes.IsIndex(root.MediaType))
            ImageReader.ChoosePlatform(OciJson.DeserializeIndex(Bytes(root, "index.json")), root, Platform.Host);
    }

    /// <summary>Adds everything reachable from <paramref name="root"/> to the commit list.</summary>
    public void Mark(Descriptor root) => Visit(root, "index.json", collect: true);

    public StagedEntry? TryGetByDigest(Digest digest) => _byDigest.GetValueOrDefault(digest);

    private void Visit(Descriptor d, string referrer, bool collect, bool attestation = false)
    {
        if (MediaTypes.IsIndex(d.MediaType))
        {
            ImageIndex index = OciJson.DeserializeIndex(Bytes(d, referrer));
            Leaf(d, referrer, collect);
            Descriptor? host = TryChoosePlatform(index, d);
            foreach (Descriptor m in index.Manifests)
            {
                // docker saves only the platforms it has: other platforms' manifests may be absent
                if (TryGetByDigest(m.Digest) is null && !_synthesized.ContainsKey(m.Digest) && host is not null && m.Digest != host.Digest) continue;
                Visit(m, $"index '{d.Digest}'", collect, IsAttestation(m));
            }
        }
        else if (MediaTypes.IsManifest(d.MediaType))
        {
            ImageManifest manifest = OciJson.DeserializeManifest(Bytes(d, referrer));
            Leaf(d, referrer, collect);
            string self = $"manifest '{d.Digest}'";
            if (attestation)
            {
                // BuildKit's provenance and SBOM manifests (platform unknown/unknown) carry in-toto blobs, not layers
                Leaf(manifest.Config, self, collect);
                foreach (Descriptor blob in manifest.Layers) Leaf(blob, self, collect);
                return;
            }
            if (!MediaTypes.IsConfig(manifest.Config.MediaType))
                throw new DrydockException(ErrorKind.Unsupported, $"{self} has config media type '{manifest.Config.MediaType}': only container images can be loaded");
            OciJson.DeserializeConfig(Bytes(manifest.Config, self));
            Leaf(manifest.Config, self, collect);
            foreach (Descriptor layer in manifest.Layers)
            {
                if (!MediaTypes.IsLayer(layer.MediaType))
                    throw new DrydockException(ErrorKind.Unsupported, $"{self} has a layer of unknown media type '{layer.MediaType}'");
                Leaf(layer, self, collect);
            }
        }
        else
        {
            throw new DrydockException(ErrorKind.Unsupported, $"{referrer} refers to '{d.Digest}' of unknown media type '{d.MediaType}'");
        }
    }

    private static bool IsAttestation(Descriptor d)
        => d.Platform is { OS: "unknown", Architecture: "unknown" }
            || d.Annotations?.GetValueOrDefault("vnd.docker.reference.type") == "attestation-manifest";

    private static Descriptor? TryChoosePlatform(ImageIndex index, Descriptor d)
    {
        try
        {
            return ImageReader.ChoosePlatform(index, d, Platform.Host);
        }
        catch (DrydockException)
        {
            return null;
        }
    }

    private void Leaf(Descriptor d, string referrer, bool collect)
    {
        if (_synthesized.ContainsKey(d.Digest)) return;
        StagedEntry entry = Find(d, referrer);
        if (collect) _needed.TryAdd(d.Digest, (entry, d));
    }

    private byte[] Bytes(Descriptor d, string referrer)
    {
        if (_synthesized.TryGetValue(d.Digest, out var s)) return s.Bytes;
        return Find(d, referrer).Bytes ?? throw new DrydockException(ErrorKind.DataCorrupted, $"'{LayoutPaths.Blob(d.Digest)}' is too large for a JSON document");
    }

    private StagedEntry Find(Descriptor d, string referrer)
    {
        StagedEntry entry = TryGetByDigest(d.Digest)
            ?? throw new DrydockException(ErrorKind.DataCorrupted, $"blob '{LayoutPaths.Blob(d.Digest)}' referenced by {referrer} is missing from the archive");
        if (entry.Size != d.Size)
            throw new DrydockException(ErrorKind.DataCorrupted, $"blob '{entry.Path}' is {entry.Size} bytes but {referrer} says {d.Size}");
        return entry;
    }
}

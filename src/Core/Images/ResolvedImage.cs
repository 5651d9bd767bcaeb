using Drydock.Core.Oci;

namespace Drydock.Core.Images;

/// <summary>
/// An image read back from the stores. <see cref="Target"/> is what the record points at (an index or a
/// manifest); <see cref="ManifestDescriptor"/> is the manifest for the host platform chosen from it.
/// <see cref="Names"/> are the normalized names of every record pointing at the same target.
/// </summary>
public sealed record ResolvedImage(
    Descriptor Target,
    Descriptor ManifestDescriptor,
    ImageManifest Manifest,
    Descriptor ConfigDescriptor,
    ImageConfig Config,
    IReadOnlyList<string> Names)
{
    /// <summary>The image ID as docker prints it: the digest of the config.</summary>
    public Digest Id => ConfigDescriptor.Digest;

    /// <summary>Config and layer bytes in the content store.</summary>
    public long Size => ConfigDescriptor.Size + Manifest.Layers.Sum(l => l.Size);

    /// <summary>Names that are tags (not dangling records, not digest-only references).</summary>
    public IEnumerable<string> Tags => Names.Where(n => !ImageNames.IsDangling(n) && !n.Contains('@', StringComparison.Ordinal));
}

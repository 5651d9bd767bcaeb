using Drydock.Core;
using Drydock.Core.Oci;
using Drydock.Core.References;

namespace Drydock.Exporter.Archive;

public sealed partial class ArchiveLoader
{
    /// <summary>
    /// An OCI layout (also the body of docker 25+ archives): the roots are index.json's entries. A name comes
    /// from io.containerd.image.name, else from a ref.name that is a full reference, else from manifest.json's
    /// RepoTags for the same config; a bare tag such as "latest" alone does not name an image.
    /// </summary>
    private static List<LoadRoot> PlanOci(LoadPlan plan)
    {
        if (plan.Staging.TryGet(LayoutPaths.OciLayout) is { } layoutEntry)
        {
            OciLayout layout = OciJson.DeserializeLayout(plan.Document(layoutEntry.Path));
            if (layout.ImageLayoutVersion != "1.0.0")
                throw new DrydockException(ErrorKind.Unsupported, $"unsupported OCI layout version '{layout.ImageLayoutVersion}' in oci-layout (expected 1.0.0)");
        }
        ImageIndex index = OciJson.DeserializeIndex(plan.Document(LayoutPaths.Index));
        Dictionary<Digest, IReadOnlyList<string>> repoTags = plan.Staging.TryGet(LayoutPaths.DockerManifest) is not null ? DockerRepoTagsByConfig(plan) : [];
        var roots = new List<LoadRoot>();
        foreach (Descriptor entry in index.Manifests)
        {
            string? refName = entry.Annotations?.GetValueOrDefault(LayoutPaths.RefNameAnnotation);
            var names = new List<string>();
            if (entry.Annotations?.GetValueOrDefault(LayoutPaths.ImageNameAnnotation) is { } full)
                names.Add(ImageReference.Parse(full).ToString());
            else if (refName is not null && (refName.Contains('/', StringComparison.Ordinal) || refName.Contains(':', StringComparison.Ordinal))
                && ImageReference.TryParse(refName, out ImageReference? r))
                names.Add(r.ToString());
            else if (repoTags.Count > 0 && MediaTypes.IsManifest(entry.MediaType)
                && plan.TryGetByDigest(entry.Digest)?.Bytes is { } manifestBytes
                && repoTags.TryGetValue(OciJson.DeserializeManifest(manifestBytes).Config.Digest, out var tags))
                names.AddRange(tags);
            roots.Add(new LoadRoot(new Descriptor(entry.MediaType, entry.Digest, entry.Size), names, refName));
        }
        return roots;
    }
}

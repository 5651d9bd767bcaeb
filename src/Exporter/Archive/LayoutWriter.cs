using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Images;
using Drydock.Core.Oci;
using Drydock.Core.References;

namespace Drydock.Exporter.Archive;

/// <summary>
/// Writes images as an OCI image layout (oci-layout, index.json, blobs/sha256/…) to a sink, optionally with
/// docker's manifest.json and repositories next to it, which is what docker 25+ writes for <c>docker save</c>:
/// one file that both <c>docker load</c> and OCI tools read. index.json lists one entry per name, annotated
/// with the tag (org.opencontainers.image.ref.name) and the full name (io.containerd.image.name).
/// </summary>
internal sealed class LayoutWriter(IContentStore content)
{
    public async Task WriteAsync(IReadOnlyList<ExportedImage> images, ILayoutSink sink, bool dockerManifest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0) throw new DrydockException(ErrorKind.InvalidArgument, "no images to write");
        var blobs = new List<Descriptor>();
        var seen = new HashSet<Digest>();
        var roots = new List<(ExportedImage Image, Descriptor Root, ResolvedImage Resolved)>();
        foreach (ExportedImage image in images)
        {
            ResolvedImage resolved = await ImageReader.ReadAsync(content, image.Target, [], cancellationToken).ConfigureAwait(false);
            Descriptor root = await CollectAsync(resolved, blobs, seen, cancellationToken).ConfigureAwait(false);
            roots.Add((image, root, resolved));
        }

        // blobs first: a layout directory cut short never lists a blob it lacks
        foreach (Descriptor blob in blobs)
        {
            Stream data = await content.OpenReadAsync(blob.Digest, cancellationToken).ConfigureAwait(false);
            await using (data.ConfigureAwait(false))
            {
                if (data.CanSeek && data.Length != blob.Size)
                    throw new DrydockException(ErrorKind.DataCorrupted, $"blob '{blob.Digest}' in the content store is {data.Length} bytes, its descriptor says {blob.Size}");
                await sink.AddBlobAsync(blob, data, cancellationToken).ConfigureAwait(false);
            }
        }
        await sink.AddFileAsync(LayoutPaths.OciLayout, OciJson.Serialize(new OciLayout()), cancellationToken).ConfigureAwait(false);
        await sink.AddFileAsync(LayoutPaths.Index, OciJson.Serialize(BuildIndex(roots)), cancellationToken).ConfigureAwait(false);
        if (dockerManifest)
        {
            var (manifest, repositories) = BuildDockerManifest(roots);
            await sink.AddFileAsync(LayoutPaths.DockerManifest, DockerArchiveJson.Manifest(manifest), cancellationToken).ConfigureAwait(false);
            await sink.AddFileAsync(LayoutPaths.DockerRepositories, DockerArchiveJson.Repositories(repositories), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Adds the blobs of an image; returns the descriptor index.json should list. An index is kept whole when
    /// all its manifests are present, and replaced by the host platform's manifest otherwise, so the layout
    /// never refers to a blob it does not contain.
    /// </summary>
    private async Task<Descriptor> CollectAsync(ResolvedImage image, List<Descriptor> blobs, HashSet<Digest> seen, CancellationToken cancellationToken)
    {
        if (!MediaTypes.IsIndex(image.Target.MediaType))
        {
            AddManifest(image.ManifestDescriptor, image.Manifest, blobs, seen);
            return image.Target;
        }
        ImageIndex index = OciJson.DeserializeIndex(await ImageReader.ReadDocumentAsync(content, image.Target, cancellationToken).ConfigureAwait(false));
        var manifests = new List<(Descriptor, ImageManifest)>();
        foreach (Descriptor m in index.Manifests)
        {
            if (!MediaTypes.IsManifest(m.MediaType) || !await content.ExistsAsync(m.Digest, cancellationToken).ConfigureAwait(false))
                return AddManifest(image.ManifestDescriptor, image.Manifest, blobs, seen);
            ImageManifest manifest = OciJson.DeserializeManifest(await ImageReader.ReadDocumentAsync(content, m, cancellationToken).ConfigureAwait(false));
            foreach (Descriptor d in manifest.Layers.Append(manifest.Config))
                if (!await content.ExistsAsync(d.Digest, cancellationToken).ConfigureAwait(false))
                    return AddManifest(image.ManifestDescriptor, image.Manifest, blobs, seen);
            manifests.Add((m, manifest));
        }
        Add(image.Target, blobs, seen);
        foreach (var (d, m) in manifests) AddManifest(d, m, blobs, seen);
        return image.Target;
    }

    private static Descriptor AddManifest(Descriptor descriptor, ImageManifest manifest, List<Descriptor> blobs, HashSet<Digest> seen)
    {
        Add(descriptor, blobs, seen);
        Add(manifest.Config, blobs, seen);
        foreach (Descriptor layer in manifest.Layers) Add(layer, blobs, seen);
        return new Descriptor(descriptor.MediaType, descriptor.Digest, descriptor.Size);
    }

    private static void Add(Descriptor d, List<Descriptor> blobs, HashSet<Digest> seen)
    {
        if (seen.Add(d.Digest)) blobs.Add(d);
    }

    private static ImageIndex BuildIndex(List<(ExportedImage Image, Descriptor Root, ResolvedImage Resolved)> roots)
    {
        var entries = new List<Descriptor>();
        foreach (var (image, root, _) in roots)
        {
            var plain = new Descriptor(root.MediaType, root.Digest, root.Size);
            if (image.Name is null)
            {
                if (!entries.Any(e => e.Digest == root.Digest)) entries.Add(plain);
                continue;
            }
            ImageReference reference = ImageReference.Parse(image.Name);
            // written in key order ("io.containerd…" before "org.opencontainers…"), as a dictionary filled in
            // that order enumerates; a SortedDictionary's generic tree was JIT-compiled at every save
            var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [LayoutPaths.ImageNameAnnotation] = reference.ToString(),
            };
            if (reference.Tag is { } tag) annotations[LayoutPaths.RefNameAnnotation] = tag;
            entries.Add(plain with { Annotations = annotations });
        }
        return new ImageIndex { Manifests = entries };
    }

    private static (List<DockerArchiveEntry>, Dictionary<string, Dictionary<string, string>>) BuildDockerManifest(
        List<(ExportedImage Image, Descriptor Root, ResolvedImage Resolved)> roots)
    {
        var entries = new List<DockerArchiveEntry>();
        var repositories = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var group in ByManifest(roots))
        {
            ResolvedImage image = group[0].Resolved;
            var tags = new List<string>();
            foreach (var (exported, _, _) in group)
            {
                if (exported.Name is null || ImageReference.Parse(exported.Name) is not { Tag: { } tag } reference) continue;
                tags.Add(reference.Familiar);
                if (!repositories.TryGetValue(reference.FamiliarRepository, out var byTag))
                    repositories[reference.FamiliarRepository] = byTag = new Dictionary<string, string>(StringComparer.Ordinal);
                byTag[tag] = image.Id.Encoded;
            }
            entries.Add(new DockerArchiveEntry(LayoutPaths.Blob(image.Id), tags.Count == 0 ? null : tags,
                [.. image.Manifest.Layers.Select(l => LayoutPaths.Blob(l.Digest))]));
        }
        return (entries, repositories);
    }

    /// <summary>
    /// The roots grouped by manifest, in the order each first appears: GroupBy's lookup over these tuples was
    /// JIT-compiled at every save, and an archive holds a handful of images, so a linear search costs less.
    /// </summary>
    private static List<List<(ExportedImage Image, Descriptor Root, ResolvedImage Resolved)>> ByManifest(
        List<(ExportedImage Image, Descriptor Root, ResolvedImage Resolved)> roots)
    {
        var groups = new List<List<(ExportedImage Image, Descriptor Root, ResolvedImage Resolved)>>();
        foreach (var root in roots)
        {
            var group = groups.Find(g => g[0].Resolved.ManifestDescriptor.Digest == root.Resolved.ManifestDescriptor.Digest);
            if (group is null) groups.Add(group = []);
            group.Add(root);
        }
        return groups;
    }
}

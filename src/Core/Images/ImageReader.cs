using Drydock.Core.Content;
using Drydock.Core.Oci;

namespace Drydock.Core.Images;

/// <summary>Reads index → manifest → config from the content store, choosing the host platform from an index.</summary>
public static class ImageReader
{
    public static async Task<ResolvedImage> ReadAsync(IContentStore content, Descriptor target, IReadOnlyList<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(target);
        Descriptor manifestDescriptor = target;
        if (MediaTypes.IsIndex(target.MediaType))
        {
            ImageIndex index = OciJson.DeserializeIndex(await ReadDocumentAsync(content, target, cancellationToken).ConfigureAwait(false));
            manifestDescriptor = ChoosePlatform(index, target, Platform.Host);
        }
        if (!MediaTypes.IsManifest(manifestDescriptor.MediaType))
            throw new DrydockException(ErrorKind.Unsupported, $"unsupported media type '{manifestDescriptor.MediaType}' of '{manifestDescriptor.Digest}': expected an OCI or Docker image manifest or index");
        ImageManifest manifest = OciJson.DeserializeManifest(await ReadDocumentAsync(content, manifestDescriptor, cancellationToken).ConfigureAwait(false));
        if (!MediaTypes.IsConfig(manifest.Config.MediaType))
            throw new DrydockException(ErrorKind.Unsupported, $"manifest '{manifestDescriptor.Digest}' is not a container image: its config has media type '{manifest.Config.MediaType}'");
        ImageConfig config = OciJson.DeserializeConfig(await ReadDocumentAsync(content, manifest.Config, cancellationToken).ConfigureAwait(false));
        return new ResolvedImage(target, manifestDescriptor, manifest, manifest.Config, config, names);
    }

    /// <summary>The manifest of an index for <paramref name="platform"/>; attestation manifests (unknown/unknown) never match.</summary>
    public static Descriptor ChoosePlatform(ImageIndex index, Descriptor indexDescriptor, Platform platform)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(platform);
        var images = index.Manifests.Where(m => MediaTypes.IsManifest(m.MediaType) && m.Platform is not { OS: "unknown" }).ToList();
        Descriptor? match = images.FirstOrDefault(m => m.Platform is { } p && p.Matches(platform))
            ?? (images.Count == 1 && images[0].Platform is null ? images[0] : null);
        if (match is not null) return match;
        string available = images.Count == 0 ? "none" : string.Join(", ", images.Select(m => m.Platform?.ToString() ?? "unspecified"));
        throw new DrydockException(ErrorKind.NotFound, $"image index '{indexDescriptor.Digest}' has no manifest for {platform} (available: {available})");
    }

    /// <summary>Reads a manifest, index or config blob and checks it against its descriptor.</summary>
    public static async Task<byte[]> ReadDocumentAsync(IContentStore content, Descriptor descriptor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(descriptor);
        byte[] bytes = await content.ReadAllBytesAsync(descriptor.Digest, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (bytes.LongLength != descriptor.Size)
            throw new DrydockException(ErrorKind.DataCorrupted, $"blob '{descriptor.Digest}' is {bytes.LongLength} bytes but its descriptor says {descriptor.Size}");
        return bytes;
    }
}

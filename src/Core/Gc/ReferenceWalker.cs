using Drydock.Core.Content;
using Drydock.Core.Oci;

namespace Drydock.Core.Gc;

/// <summary>
/// Marks a blob and everything it references. Roots from other rooms come without a media type, so a small
/// JSON blob is sniffed: an index (by mediaType or a "manifests" array) or a manifest (mediaType or "config").
/// </summary>
internal sealed class ReferenceWalker(IContentStore content, HashSet<Digest> marked)
{
    private const long MaxSniffSize = 4 << 20;

    public async Task WalkAsync(Digest digest, string? mediaType, CancellationToken cancellationToken)
    {
        if (!marked.Add(digest)) return;
        if (mediaType is not null && (MediaTypes.IsLayer(mediaType) || MediaTypes.IsConfig(mediaType))) return;
        if (await content.TryGetInfoAsync(digest, cancellationToken).ConfigureAwait(false) is not { } info || info.Size > MaxSniffSize) return;
        byte[] bytes = await content.ReadAllBytesAsync(digest, MaxSniffSize, cancellationToken).ConfigureAwait(false);
        if (bytes.Length == 0 || bytes[0] != (byte)'{') return;
        mediaType ??= OciJson.PeekMediaType(bytes);
        try
        {
            if (mediaType is not null && MediaTypes.IsIndex(mediaType) || mediaType is null && Contains(bytes, "\"manifests\""u8))
            {
                foreach (Descriptor d in OciJson.DeserializeIndex(bytes).Manifests)
                    await WalkAsync(d.Digest, d.MediaType, cancellationToken).ConfigureAwait(false);
            }
            else if (mediaType is not null && MediaTypes.IsManifest(mediaType) || mediaType is null && Contains(bytes, "\"config\""u8) && Contains(bytes, "\"layers\""u8))
            {
                ImageManifest manifest = OciJson.DeserializeManifest(bytes);
                marked.Add(manifest.Config.Digest);
                foreach (Descriptor layer in manifest.Layers) marked.Add(layer.Digest);
                if (manifest.Subject is { } subject) await WalkAsync(subject.Digest, subject.MediaType, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DrydockException)
        {
            // JSON that is neither an index nor a manifest (a config, a cache record): a leaf
        }
    }

    private static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}

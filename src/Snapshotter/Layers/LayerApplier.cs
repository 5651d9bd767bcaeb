using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Oci;

namespace Drydock.Snapshotter.Layers;

/// <summary>
/// Applies layer blobs from the content store. A <c>[bind SOURCE]</c> target is extracted in place with
/// whiteouts deleting; an <c>[overlay … upperdir=U …]</c> target is extracted into U with whiteouts in
/// overlayfs form, so nothing is mounted. The returned diff ID is computed while reading; the caller checks
/// it against the image config.
/// </summary>
public sealed class LayerApplier : ILayerApplier
{
    private readonly IContentStore _content;

    public LayerApplier(IContentStore content)
    {
        ArgumentNullException.ThrowIfNull(content);
        _content = content;
    }

    public async ValueTask<Digest> ApplyAsync(Descriptor layer, IReadOnlyList<Mount> target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layer);
        ArgumentNullException.ThrowIfNull(target);
        (string directory, ExtractMode mode) = TargetOf(layer, target);
        Stream blob = await _content.OpenReadAsync(layer.Digest, cancellationToken).ConfigureAwait(false);
        try
        {
            using Stream tar = LayerStreams.OpenDecompressed(blob, layer.MediaType);
            using var digesting = new DigestingReadStream(tar);
            await LayerExtractor.ExtractAsync(digesting, directory, mode, cancellationToken).ConfigureAwait(false);
            return digesting.GetDigest();
        }
        catch (DrydockException e)
        {
            throw new DrydockException(e.Kind, $"failed to apply layer {layer.Digest}", e);
        }
        catch (InvalidDataException e)
        {
            // the gzip header itself was unreadable
            throw new DrydockException(ErrorKind.DataCorrupted, $"failed to apply layer {layer.Digest}", new DrydockException(ErrorKind.DataCorrupted, "the layer data is corrupt", e));
        }
        finally
        {
            await blob.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal static (string Directory, ExtractMode Mode) TargetOf(Descriptor layer, IReadOnlyList<Mount> target)
    {
        if (target.Count == 1)
        {
            Mount m = target[0];
            if (m.Type == "bind") return (m.Source, ExtractMode.Plain);
            if (m.Type == "overlay" && m.Option("upperdir") is { } upper) return (upper, ExtractMode.Overlay);
        }
        throw new DrydockException(ErrorKind.InvalidArgument,
            $"failed to apply layer {layer.Digest}: the target must be one bind mount or one overlay mount with an upperdir, not [{string.Join(", ", target.Select(m => m.Type))}]");
    }
}

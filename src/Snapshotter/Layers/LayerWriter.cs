using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Layers;
using Drydock.Core.Oci;

namespace Drydock.Snapshotter.Layers;

/// <summary>
/// Streams a layer into the content store in one pass: tar bytes → SHA-256 (diff ID) → compressor →
/// SHA-256 and size (blob digest) → content writer, committed against the digest we computed. The tar is
/// never stored uncompressed.
/// <code>
/// Layer layer = await new LayerWriter(store).WriteAsync(LayerCompression.Gzip, (tar, ct) => WriteMyTarAsync(tar, ct), ct);
/// </code>
/// </summary>
public sealed class LayerWriter
{
    private readonly IContentStore _content;

    public LayerWriter(IContentStore content)
    {
        ArgumentNullException.ThrowIfNull(content);
        _content = content;
    }

    /// <summary>
    /// Calls <paramref name="writeTar"/> with a write-only stream for the uncompressed tar, then compresses,
    /// commits and returns the layer. The stream is not seekable; <paramref name="writeTar"/> must not dispose it.
    /// </summary>
    public async Task<Layer> WriteAsync(LayerCompression compression, Func<Stream, CancellationToken, Task> writeTar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writeTar);
        string mediaType = MediaTypes.OciLayerFor(compression);
        IContentWriter writer = await _content.OpenWriterAsync($"layer-{Guid.NewGuid():N}", cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            using var blob = new HashingStream(writer.Data, leaveOpen: true);
            Stream compressor = compression switch
            {
                LayerCompression.None => blob,
                LayerCompression.Gzip => new ParallelGzipStream(blob, leaveOpen: true),
                LayerCompression.Zstd => new ZstdCompressStream(blob, leaveOpen: true),
                _ => throw new ArgumentOutOfRangeException(nameof(compression)),
            };
            HashingStream tar = compression == LayerCompression.None ? blob : new HashingStream(compressor, leaveOpen: true);
            await writeTar(tar, cancellationToken).ConfigureAwait(false);
            switch (compressor)
            {
                case ParallelGzipStream gzip:
                    await gzip.FinishAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case ZstdCompressStream zstd:
                    zstd.Finish();
                    zstd.Dispose();
                    break;
            }
            Digest diffId = tar.GetDigest();
            if (!ReferenceEquals(tar, blob)) tar.Dispose();
            Descriptor descriptor = await writer.CommitAsync(mediaType, blob.GetDigest(), cancellationToken).ConfigureAwait(false);
            return new Layer(descriptor with { Size = blob.BytesWritten }, diffId);
        }
    }
}

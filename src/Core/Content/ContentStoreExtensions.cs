using Drydock.Core.Oci;

namespace Drydock.Core.Content;

/// <summary>Small helpers every room needs on top of <see cref="IContentStore"/>.</summary>
public static class ContentStoreExtensions
{
    /// <summary>The largest JSON document (manifest, index, config) we read into memory.</summary>
    public const long MaxDocumentSize = 16 << 20;

    /// <summary>Writes <paramref name="data"/> as one blob and returns its descriptor.</summary>
    public static async ValueTask<Descriptor> WriteBlobAsync(this IContentStore store, ReadOnlyMemory<byte> data, string mediaType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        IContentWriter writer = await store.OpenWriterAsync(mediaType, cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            await writer.Data.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            return await writer.CommitAsync(mediaType, Digest.Sha256(data.Span), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a whole blob such as a manifest or config, refusing one larger than <paramref name="maxSize"/>.</summary>
    public static async ValueTask<byte[]> ReadAllBytesAsync(this IContentStore store, Digest digest, long maxSize = MaxDocumentSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store is LocalContentStore local) return local.ReadSmallBlob(digest, maxSize, cancellationToken);
        Stream s = await store.OpenReadAsync(digest, cancellationToken).ConfigureAwait(false);
        await using (s.ConfigureAwait(false))
        {
            if (s.CanSeek && s.Length > maxSize) throw TooLarge(digest, s.Length, maxSize);
            using var buffer = new MemoryStream();
            await s.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (buffer.Length > maxSize) throw TooLarge(digest, buffer.Length, maxSize);
            return buffer.ToArray();
        }
    }

    /// <summary>True when the blob is present.</summary>
    public static async ValueTask<bool> ExistsAsync(this IContentStore store, Digest digest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.TryGetInfoAsync(digest, cancellationToken).ConfigureAwait(false) is not null;
    }

    internal static DrydockException TooLarge(Digest digest, long size, long maxSize)
        => new(ErrorKind.DataCorrupted, $"blob '{digest}' is {size} bytes, more than a JSON document may have ({maxSize})");
}

using Drydock.Core.Oci;

namespace Drydock.Core.Content;

/// <summary>
/// Content-addressed blobs, in the manner of containerd's content store. Blobs are immutable and named by
/// their digest; a writer streams data to a temporary file and <see cref="IContentWriter.CommitAsync"/>
/// verifies size and digest before renaming it into place, so a blob that exists is always complete and
/// correct. Several processes may share one store. Deleting is the garbage collector's job: it removes only
/// blobs no image, cache record or lease refers to.
/// <code>
/// await using var w = await store.OpenWriterAsync("layer-upload-1", ct);
/// await source.CopyToAsync(w.Data, ct);
/// Descriptor d = await w.CommitAsync(MediaTypes.OciLayerGzip, expected: null, ct);
/// </code>
/// </summary>
public interface IContentStore
{
    ValueTask<ContentInfo?> TryGetInfoAsync(Digest digest, CancellationToken cancellationToken = default);

    /// <summary>Opens a blob for reading; throws <see cref="DrydockException"/> (NotFound) when it is missing.</summary>
    ValueTask<Stream> OpenReadAsync(Digest digest, CancellationToken cancellationToken = default);

    /// <summary>Opens a writer. <paramref name="reference"/> names the ingest (for messages and resumption).</summary>
    ValueTask<IContentWriter> OpenWriterAsync(string reference, CancellationToken cancellationToken = default);

    ValueTask DeleteAsync(Digest digest, CancellationToken cancellationToken = default);

    IAsyncEnumerable<ContentInfo> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>An ingest in progress. Disposing without committing discards the data.</summary>
public interface IContentWriter : IAsyncDisposable
{
    Stream Data { get; }

    /// <summary>Verifies the written bytes against <paramref name="expected"/> (when given) and makes the blob visible.</summary>
    ValueTask<Descriptor> CommitAsync(string mediaType, Digest? expected, CancellationToken cancellationToken = default);
}

public sealed record ContentInfo(Digest Digest, long Size, DateTimeOffset CreatedAt);

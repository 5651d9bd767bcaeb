using Drydock.Core.Oci;

namespace Drydock.Core.Images;

/// <summary>
/// Named images: a normalized reference (<c>docker.io/library/busybox:latest</c>) pointing at a manifest or
/// index descriptor in the content store, like containerd's image service. Records are the GC roots for
/// content. Updates are atomic per name; several processes may share one store.
/// </summary>
public interface IImageStore
{
    ValueTask<ImageRecord?> TryGetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the record with this name.</summary>
    ValueTask SetAsync(ImageRecord record, CancellationToken cancellationToken = default);

    /// <summary>Returns false when there was no such record.</summary>
    ValueTask<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);

    IAsyncEnumerable<ImageRecord> ListAsync(CancellationToken cancellationToken = default);
}

/// <summary>One name of an image. <see cref="Name"/> is a normalized reference, or "&lt;none&gt;@sha256:…" for a dangling image.</summary>
public sealed record ImageRecord(string Name, Descriptor Target, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// What listing shows about the target (ID, created, size), cached when the name is written so that
    /// <c>drydock images</c> need not read every manifest and config. Derived from immutable content, so it
    /// never goes stale; null on records written without it.
    /// </summary>
    public ImageFacts? Facts { get; init; }
}

/// <summary>The image ID (config digest), the config's created time and the config plus layer bytes of a record's target.</summary>
public sealed record ImageFacts(Digest Id, DateTimeOffset? Created, long Size);

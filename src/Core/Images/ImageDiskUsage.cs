namespace Drydock.Core.Images;

/// <summary>
/// Bytes images take: <see cref="Size"/> counts each layer and config once, <see cref="Reclaimable"/> those no
/// container's image uses, <see cref="ContentStoreSize"/> everything in the content store (cache and unreferenced blobs too).
/// </summary>
public sealed record ImageDiskUsage(int Total, int Active, long Size, long Reclaimable, long ContentStoreSize);

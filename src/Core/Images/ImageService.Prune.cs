using Drydock.Core.Content;
using Drydock.Core.Oci;

namespace Drydock.Core.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// <c>image prune</c>: drops dangling images, or with <paramref name="all"/> every image no container uses.
    /// Only records go here; run the garbage collector afterwards to free the blobs.
    /// </summary>
    public async Task<RemovedImage> PruneAsync(bool all, CancellationToken cancellationToken = default)
    {
        using (await LockAsync(cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<ImageRecord> records = await ListRecordsAsync(cancellationToken).ConfigureAwait(false);
            var untagged = new List<string>();
            var deleted = new List<Digest>();
            foreach (var group in records.GroupBy(r => r.Target.Digest))
            {
                if (!all && !group.All(r => ImageNames.IsDangling(r.Name))) continue;
                Digest? id = null;
                try
                {
                    ResolvedImage image = await LoadAsync(group.First().Target, records, cancellationToken).ConfigureAwait(false);
                    id = image.Id;
                    if (Usage is not null && (await Usage.ContainersUsingAsync(image.Id, cancellationToken).ConfigureAwait(false)).Count > 0) continue;
                }
                catch (DrydockException)
                {
                    // unreadable content: the record is pruned all the same
                }
                foreach (ImageRecord r in group)
                {
                    await Images.DeleteAsync(r.Name, cancellationToken).ConfigureAwait(false);
                    if (!ImageNames.IsDangling(r.Name)) untagged.Add(Display(r.Name));
                }
                deleted.Add(id ?? group.Key);
            }
            return new RemovedImage(untagged, deleted);
        }
    }

    /// <summary><c>system df</c>'s Images row: distinct images, those containers use, and their bytes.</summary>
    public async Task<ImageDiskUsage> DiskUsageAsync(CancellationToken cancellationToken = default)
    {
        var images = new List<ResolvedImage>();
        foreach (Descriptor target in (await ListRecordsAsync(cancellationToken).ConfigureAwait(false)).Select(r => r.Target).DistinctBy(t => t.Digest))
        {
            try
            {
                images.Add(await LoadAsync(target, cancellationToken).ConfigureAwait(false));
            }
            catch (DrydockException)
            {
                // an image whose content cannot be read takes no space we can count
            }
        }
        var activeBlobs = new HashSet<Digest>();
        var allBlobs = new Dictionary<Digest, long>();
        int active = 0;
        foreach (ResolvedImage image in images)
        {
            var blobs = image.Manifest.Layers.Append(image.ConfigDescriptor).ToList();
            foreach (var b in blobs) allBlobs[b.Digest] = b.Size;
            if (Usage is not null && (await Usage.ContainersUsingAsync(image.Id, cancellationToken).ConfigureAwait(false)).Count > 0)
            {
                active++;
                foreach (var b in blobs) activeBlobs.Add(b.Digest);
            }
        }
        long total = allBlobs.Values.Sum();
        long reclaimable = allBlobs.Where(kv => !activeBlobs.Contains(kv.Key)).Sum(kv => kv.Value);
        long stored = 0;
        await foreach (ContentInfo info in Content.ListAsync(cancellationToken).ConfigureAwait(false)) stored += info.Size;
        return new ImageDiskUsage(images.Count, active, total, reclaimable, stored);
    }
}

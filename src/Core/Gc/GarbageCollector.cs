using Drydock.Core.Content;
using Drydock.Core.Images;
using Drydock.Core.Leases;
using Drydock.Core.Locking;
using Drydock.Core.Oci;

namespace Drydock.Core.Gc;

/// <summary>
/// Mark and sweep over the content store. Roots are image records, the digests of live leases and whatever
/// the registered <see cref="IGcRootSource"/>s list; from each root the walk follows index → manifests →
/// config and layers. A blob is deleted only when nothing reaches it and it is older than every live lease,
/// so content a running build or load has written but not yet named survives; nor is anything committed after
/// the collection started. Leases are read before image records: a writer names its content before dropping
/// its lease, so whichever we see protects it.
/// One collection runs at a time per root (an flock on <c>content/gc.lock</c>).
/// </summary>
public sealed class GarbageCollector
{
    private static readonly TimeSpan s_staleIngest = TimeSpan.FromDays(1);
    private readonly LocalContentStore _content;
    private readonly IImageStore _images;
    private readonly LeaseManager _leases;
    private readonly IReadOnlyList<IGcRootSource> _sources;
    private readonly TimeProvider _time;

    public GarbageCollector(LocalContentStore content, IImageStore images, LeaseManager leases, IEnumerable<IGcRootSource>? sources = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(leases);
        _content = content;
        _images = images;
        _leases = leases;
        _sources = [.. sources ?? []];
        _time = timeProvider ?? TimeProvider.System;
    }

    public static GarbageCollector Open(DrydockRoot root, IEnumerable<IGcRootSource>? sources = null, TimeProvider? timeProvider = null)
        => new(new LocalContentStore(root, timeProvider), new LocalImageStore(root), new LeaseManager(root, timeProvider), sources, timeProvider);

    public async Task<GcResult> CollectAsync(CancellationToken cancellationToken = default)
    {
        using FileLock gcLock = await FileLock.AcquireAsync(Path.Combine(_content.Root, "gc.lock"), cancellationToken).ConfigureAwait(false);
        // A lease taken after this listing protects nothing we can see, so anything committed after the
        // collection started is kept as well: its writer's lease may simply be younger than our snapshot.
        DateTimeOffset protectSince = _time.GetUtcNow();
        IReadOnlyList<LeaseRecord> leases = await _leases.ListLiveAsync(cancellationToken).ConfigureAwait(false);
        if (leases.Count > 0) protectSince = Min(protectSince, leases.Min(l => l.Created));

        var marked = new HashSet<Digest>();
        var walker = new ReferenceWalker(_content, marked);
        foreach (LeaseRecord lease in leases)
            foreach (Digest d in lease.Digests) await walker.WalkAsync(d, null, cancellationToken).ConfigureAwait(false);
        await foreach (ImageRecord record in _images.ListAsync(cancellationToken).ConfigureAwait(false))
            await walker.WalkAsync(record.Target.Digest, record.Target.MediaType, cancellationToken).ConfigureAwait(false);
        foreach (IGcRootSource source in _sources)
            await foreach (Digest d in source.ListRootsAsync(cancellationToken).ConfigureAwait(false))
                await walker.WalkAsync(d, null, cancellationToken).ConfigureAwait(false);

        var deleted = new List<Digest>();
        long reclaimed = 0;
        await foreach (ContentInfo info in _content.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (marked.Contains(info.Digest)) continue;
            // a little slack: on some file systems a file time is rounded down from the clock reading we set it to
            if (info.CreatedAt >= protectSince - TimeSpan.FromMilliseconds(50)) continue;
            await _content.DeleteAsync(info.Digest, cancellationToken).ConfigureAwait(false);
            deleted.Add(info.Digest);
            reclaimed += info.Size;
        }
        RemoveAbandonedIngests();
        return new GcResult(deleted, reclaimed);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>Ingest files are named "&lt;pid&gt;-…": remove those of processes that are gone, and very old ones.</summary>
    private void RemoveAbandonedIngests()
    {
        if (!Directory.Exists(_content.IngestDirectory)) return;
        DateTime cutoff = (_time.GetUtcNow() - s_staleIngest).UtcDateTime;
        foreach (var file in new DirectoryInfo(_content.IngestDirectory).EnumerateFiles())
        {
            int dash = file.Name.IndexOf('-', StringComparison.Ordinal);
            bool ownerGone = dash > 0 && int.TryParse(file.Name.AsSpan(0, dash), out int pid) && !Directory.Exists($"/proc/{pid}");
            if (!ownerGone && file.LastWriteTimeUtc > cutoff) continue;
            try
            {
                file.Delete();
            }
            catch (IOException)
            {
            }
        }
    }
}

using Drydock.Core.Content;
using Drydock.Core.Leases;
using Drydock.Core.Locking;
using Drydock.Core.Oci;
using Drydock.Core.References;

namespace Drydock.Core.Images;

/// <summary>
/// The image operations the CLI and the solver share: resolve a name or ID to an image, create and name
/// images, list, untag and remove them. Names are records in the <see cref="IImageStore"/>; manifests, configs
/// and layers are blobs in the <see cref="IContentStore"/>. When a name moves to another image and the old
/// image is left without names, it keeps a dangling record (<c>&lt;none&gt;</c>) until pruned, as docker does.
/// <code>
/// var images = ImageService.Open(root);
/// ResolvedImage busybox = await images.ResolveAsync("busybox", ct);     // docker.io/library/busybox:latest
/// ResolvedImage built = await images.CreateImageAsync("app:1", manifest, config, ct);
/// </code>
/// </summary>
public sealed partial class ImageService
{
    private readonly SemaphoreSlim _localLock = new(1, 1);

    public ImageService(IContentStore content, IImageStore images, IImageUsage? usage = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(images);
        Content = content;
        Images = images;
        Usage = usage;
        Time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The services over the local stores of <paramref name="root"/>.</summary>
    public static ImageService Open(DrydockRoot root, IImageUsage? usage = null, TimeProvider? timeProvider = null)
        => new(new LocalContentStore(root, timeProvider), new LocalImageStore(root), usage, timeProvider) { Leases = new LeaseManager(root, timeProvider) };

    /// <summary>When set, <see cref="CreateImageAsync"/> holds a lease from writing the config until the name exists.</summary>
    public LeaseManager? Leases { get; init; }

    public IContentStore Content { get; }

    public IImageStore Images { get; }

    public IImageUsage? Usage { get; }

    public TimeProvider Time { get; }

    /// <summary>Resolves a name (<c>busybox</c>, <c>app:1</c>, <c>repo@sha256:…</c>) or an image ID or ID prefix.</summary>
    public async Task<ResolvedImage> ResolveAsync(string nameOrId, CancellationToken cancellationToken = default)
        => await TryResolveAsync(nameOrId, cancellationToken).ConfigureAwait(false)
            ?? throw new DrydockException(ErrorKind.NotFound, $"no such image: {nameOrId}");

    /// <summary>Resolves several names or IDs with one listing of the records (<c>save</c> of many images).</summary>
    public async Task<IReadOnlyList<ResolvedImage>> ResolveAllAsync(IEnumerable<string> namesOrIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(namesOrIds);
        IReadOnlyList<ImageRecord> records = await ListRecordsAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<ResolvedImage>();
        foreach (string nameOrId in namesOrIds)
            result.Add(await TryResolveAsync(nameOrId, records, cancellationToken).ConfigureAwait(false)
                ?? throw new DrydockException(ErrorKind.NotFound, $"no such image: {nameOrId}"));
        return result;
    }

    /// <summary>Like <see cref="ResolveAsync"/>, but null when nothing matches.</summary>
    public async Task<ResolvedImage?> TryResolveAsync(string nameOrId, CancellationToken cancellationToken = default)
        => await TryResolveAsync(nameOrId, await ListRecordsAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task<ResolvedImage?> TryResolveAsync(string nameOrId, IReadOnlyList<ImageRecord> records, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrId);
        if (ImageReference.TryParse(nameOrId, out ImageReference? reference))
        {
            if (records.FirstOrDefault(r => r.Name == reference.ToString()) is { } byName)
                return await LoadAsync(byName.Target, records, cancellationToken).ConfigureAwait(false);
            // repo@sha256:… also names an image stored under a tag of that repository
            if (reference.Digest is { } digest && records.FirstOrDefault(r => r.Target.Digest == digest && SameRepository(r.Name, reference)) is { } byDigest)
                return await LoadAsync(byDigest.Target, records, cancellationToken).ConfigureAwait(false);
        }
        if (IdPrefix(nameOrId) is { } prefix)
            return await ResolveIdPrefixAsync(nameOrId, prefix, records, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Reads the image a descriptor (index or manifest) points at, choosing the host platform from an index.</summary>
    public async Task<ResolvedImage> LoadAsync(Descriptor target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        IReadOnlyList<ImageRecord> records = await ListRecordsAsync(cancellationToken).ConfigureAwait(false);
        return await LoadAsync(target, records, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ImageRecord>> ListRecordsAsync(CancellationToken cancellationToken = default)
    {
        var records = new List<ImageRecord>();
        await foreach (ImageRecord r in Images.ListAsync(cancellationToken).ConfigureAwait(false)) records.Add(r);
        return records;
    }

    private async Task<ResolvedImage> LoadAsync(Descriptor target, IReadOnlyList<ImageRecord> records, CancellationToken cancellationToken)
    {
        var names = records.Where(r => r.Target.Digest == target.Digest).Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
        return await ImageReader.ReadAsync(Content, target, names, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ResolvedImage?> ResolveIdPrefixAsync(string input, string prefix, IReadOnlyList<ImageRecord> records, CancellationToken cancellationToken)
    {
        var matches = new Dictionary<Digest, ResolvedImage>();
        foreach (Descriptor target in records.Select(r => r.Target).DistinctBy(t => t.Digest))
        {
            ResolvedImage image;
            try
            {
                image = await LoadAsync(target, records, cancellationToken).ConfigureAwait(false);
            }
            catch (DrydockException)
            {
                continue; // an image for another platform or with missing content cannot be what was asked for
            }
            if (image.Id.Encoded.StartsWith(prefix, StringComparison.Ordinal) || target.Digest.Encoded.StartsWith(prefix, StringComparison.Ordinal))
                matches.TryAdd(image.Id, image);
        }
        return matches.Count switch
        {
            0 => null,
            1 => matches.Values.Single(),
            _ => throw new DrydockException(ErrorKind.InvalidArgument, $"image ID prefix '{input}' is ambiguous: it matches {string.Join(", ", matches.Keys.Select(k => k.Short))}"),
        };
    }

    /// <summary>The hex part when <paramref name="s"/> reads as an ID or ID prefix ([sha256:]hex).</summary>
    private static string? IdPrefix(string s)
    {
        string hex = s.StartsWith("sha256:", StringComparison.Ordinal) ? s["sha256:".Length..] : s;
        return hex.Length is > 0 and <= 64 && hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f') ? hex : null;
    }

    private static bool SameRepository(string name, ImageReference reference)
        => ImageNames.TryReference(name) is { } r && r.Repository == reference.Repository;

    /// <summary>Serializes multi-record changes with other tasks and other drydock processes.</summary>
    private async ValueTask<IDisposable> LockAsync(CancellationToken cancellationToken)
    {
        if (Images is LocalImageStore local) return await local.LockAsync(cancellationToken).ConfigureAwait(false);
        await _localLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(_localLock);
    }

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}

using Drydock.Core.Content;
using Drydock.Core.Leases;
using Drydock.Core.Oci;
using Drydock.Core.References;

namespace Drydock.Core.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// Stores a config and manifest (whose layers must already be in the content store) and names the image
    /// <paramref name="name"/>, or leaves it dangling when null. The manifest's config descriptor is set to the
    /// stored config. Hold a lease over the layers until this returns.
    /// </summary>
    public async Task<ResolvedImage> CreateImageAsync(string? name, ImageManifest manifest, ImageConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(config);
        foreach (Descriptor layer in manifest.Layers)
        {
            if (!await Content.ExistsAsync(layer.Digest, cancellationToken).ConfigureAwait(false))
                throw new DrydockException(ErrorKind.NotFound, $"failed to create image '{name ?? "<none>"}': layer '{layer.Digest}' is not in the content store");
        }
        // the config and manifest are unreachable until the record exists: a collection in between must keep them
        Lease? lease = Leases is null ? null : await Leases.CreateAsync($"create image {name ?? "<none>"}", cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            return await CreateImageCoreAsync(name, manifest, config, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (lease is not null) await lease.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<ResolvedImage> CreateImageCoreAsync(string? name, ImageManifest manifest, ImageConfig config, CancellationToken cancellationToken)
    {
        string configType = manifest.MediaType == MediaTypes.DockerManifest ? MediaTypes.DockerConfig : MediaTypes.OciImageConfig;
        Descriptor configDescriptor = await Content.WriteBlobAsync(OciJson.Serialize(config), configType, cancellationToken).ConfigureAwait(false);
        ImageManifest stored = manifest with { Config = configDescriptor };
        Descriptor manifestDescriptor = await Content.WriteBlobAsync(OciJson.Serialize(stored), stored.MediaType ?? MediaTypes.OciImageManifest, cancellationToken).ConfigureAwait(false);
        return await NameAsync(name, manifestDescriptor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Points <paramref name="name"/> (or a dangling record when null) at a manifest or index already in the store.</summary>
    public async Task<ResolvedImage> NameAsync(string? name, Descriptor target, CancellationToken cancellationToken = default)
        => (await NameAllAsync([(name, target)], cancellationToken).ConfigureAwait(false))[0];

    /// <summary>
    /// Names several images under one lock and one listing of the records (a load of hundreds of images stays
    /// linear). Every target is read first: a name never points at content that cannot be resolved.
    /// </summary>
    public async Task<IReadOnlyList<ResolvedImage>> NameAllAsync(IReadOnlyList<(string? Name, Descriptor Target)> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(names);
        var images = new List<ResolvedImage>(names.Count);
        foreach (var (_, target) in names)
            images.Add(await ImageReader.ReadAsync(Content, target, [], cancellationToken).ConfigureAwait(false));
        using (await LockAsync(cancellationToken).ConfigureAwait(false))
        {
            var records = (await ListRecordsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Name, StringComparer.Ordinal);
            for (int i = 0; i < names.Count; i++)
            {
                var (name, target) = names[i];
                string recordName = name is null ? ImageNames.Dangling(target.Digest) : ImageReference.Parse(name).ToString();
                var facts = new ImageFacts(images[i].Id, images[i].Config.Created, images[i].Size);
                await SetRecordLockedAsync(records, recordName, target, facts, cancellationToken).ConfigureAwait(false);
            }
            var byTarget = records.Values.ToLookup(r => r.Target.Digest);
            return images.Select(i => i with { Names = byTarget[i.Target.Digest].Select(r => r.Name).Order(StringComparer.Ordinal).ToList() }).ToList();
        }
    }

    /// <summary><c>drydock tag SOURCE TARGET</c>: gives the image <paramref name="source"/> resolves to another name.</summary>
    public async Task<ResolvedImage> TagAsync(string source, string target, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        ImageReference reference = ImageReference.Parse(target);
        if (reference.Digest is not null)
            throw new DrydockException(ErrorKind.InvalidArgument, $"invalid tag '{target}': refusing to create a tag with a digest reference");
        ResolvedImage image = await ResolveAsync(source, cancellationToken).ConfigureAwait(false);
        return await NameAsync(reference.ToString(), image.Target, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>rmi</c>: untags a name, and deletes the image when that was its last name; an ID removes every name
    /// (with <paramref name="force"/> when there are several). Refuses an image containers use unless forced.
    /// Deleting drops the records; the blobs go at the next garbage collection.
    /// </summary>
    public async Task<RemovedImage> RemoveAsync(string nameOrId, bool force, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrId);
        using (await LockAsync(cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<ImageRecord> records = await ListRecordsAsync(cancellationToken).ConfigureAwait(false);
            ImageRecord? named = ImageReference.TryParse(nameOrId, out ImageReference? reference)
                ? records.FirstOrDefault(r => r.Name == reference.ToString())
                : null;
            ResolvedImage image = named is not null
                ? await LoadAsync(named.Target, records, cancellationToken).ConfigureAwait(false)
                : await ResolveAsync(nameOrId, cancellationToken).ConfigureAwait(false);
            var sameImage = records.Where(r => r.Target.Digest == image.Target.Digest).ToList();
            bool deletesImage = named is null || sameImage.Count == 1;
            if (named is null && !force && sameImage.Count(r => !ImageNames.IsDangling(r.Name)) > 1)
                throw new DrydockException(ErrorKind.FailedPrecondition,
                    $"unable to delete image '{image.Id.Short}' (must be forced): it is referenced by {string.Join(", ", sameImage.Select(r => Display(r.Name)))}");
            if (deletesImage && !force) await ThrowIfInUseAsync(image, cancellationToken).ConfigureAwait(false);

            var untagged = new List<string>();
            foreach (ImageRecord r in deletesImage ? sameImage : [named!])
            {
                await Images.DeleteAsync(r.Name, cancellationToken).ConfigureAwait(false);
                if (!ImageNames.IsDangling(r.Name)) untagged.Add(Display(r.Name));
            }
            return new RemovedImage(untagged, deletesImage ? [image.Id] : []);
        }
    }

    /// <summary>The short form of a record name: <c>busybox:latest</c>, or <c>&lt;none&gt;</c> for a dangling record.</summary>
    public static string Display(string recordName) => ImageNames.TryReference(recordName)?.Familiar ?? "<none>";

    private async Task ThrowIfInUseAsync(ResolvedImage image, CancellationToken cancellationToken)
    {
        if (Usage is null) return;
        IReadOnlyList<string> containers = await Usage.ContainersUsingAsync(image.Id, cancellationToken).ConfigureAwait(false);
        if (containers.Count > 0)
            throw new DrydockException(ErrorKind.FailedPrecondition,
                $"unable to delete image '{image.Id.Short}' (must be forced): container {string.Join(", ", containers)} is using it; remove the container first or use -f");
    }

    /// <summary>
    /// Sets one record; the caller holds the lock. The image the name pointed at before keeps a dangling record if
    /// this was its last name, and a dangling record of the new target goes now that it has a name.
    /// </summary>
    private async Task SetRecordLockedAsync(Dictionary<string, ImageRecord> records, string recordName, Descriptor target, ImageFacts facts, CancellationToken cancellationToken)
    {
        DateTimeOffset now = Time.GetUtcNow();
        ImageRecord? previous = records.GetValueOrDefault(recordName);
        if (previous is not null && previous.Target.Digest == target.Digest && previous.Facts is not null) return;
        var record = new ImageRecord(recordName, target, previous?.Target.Digest == target.Digest ? previous.CreatedAt : now, now) { Facts = facts };
        await Images.SetAsync(record, cancellationToken).ConfigureAwait(false);
        records[recordName] = record;
        if (previous is not null && !records.Values.Any(r => r.Target.Digest == previous.Target.Digest))
        {
            var dangling = new ImageRecord(ImageNames.Dangling(previous.Target.Digest), previous.Target, previous.CreatedAt, now) { Facts = previous.Facts };
            await Images.SetAsync(dangling, cancellationToken).ConfigureAwait(false);
            records[dangling.Name] = dangling;
        }
        string danglingName = ImageNames.Dangling(target.Digest);
        if (!ImageNames.IsDangling(recordName) && records.Remove(danglingName))
            await Images.DeleteAsync(danglingName, cancellationToken).ConfigureAwait(false);
    }
}

using System.Formats.Tar;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Images;
using Drydock.Core.Leases;
using Drydock.Core.Oci;
using Drydock.Core.References;

namespace Drydock.Exporter.Archive;

/// <summary>
/// <c>load</c>: docker-archive (legacy and docker 25+), OCI archive (gzip'd or not) and OCI layout directories.
/// Everything is read into uncommitted ingests and checked first (every digest and size, every referenced
/// blob present, every media type known); only then are the blobs committed, under a lease, and the names
/// written. A bad archive therefore leaves the store exactly as it was.
/// </summary>
public sealed partial class ArchiveLoader(ImageService images, LeaseManager leases)
{
    private IContentStore Content => images.Content;

    public async Task<IReadOnlyList<LoadedImage>> LoadAsync(string path, LoadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new LoadOptions();
        try
        {
            ArchiveStaging staging = await ArchiveStaging.ReadAsync(Content, path, cancellationToken).ConfigureAwait(false);
            await using (staging.ConfigureAwait(false))
            {
                var plan = new LoadPlan(staging);
                IReadOnlyList<LoadRoot> roots = staging.TryGet(LayoutPaths.Index) is not null ? PlanOci(plan) : PlanDocker(plan);
                roots = Select(roots, options);
                foreach (LoadRoot root in roots) plan.CheckResolvable(root.Target);
                return await CommitAsync(path, plan, roots, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DrydockException e)
        {
            throw new DrydockException(e.Kind, $"failed to load '{options.SourceName ?? path}'", e);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            // not chained: the runtime's messages for these are resource keys in the trimmed CLI ("IO_EOF_ReadBeyondEOF")
            throw new DrydockException(ErrorKind.DataCorrupted, $"failed to load '{options.SourceName ?? path}': the archive is truncated or corrupt ({e.GetType().Name})");
        }
    }

    private static List<LoadRoot> Select(IReadOnlyList<LoadRoot> roots, LoadOptions options)
    {
        IEnumerable<LoadRoot> selected = roots;
        if (options.Tag is { } tag)
            selected = selected.Where(r => r.RefName == tag || r.Names.Any(n => ImageReference.Parse(n).Tag == tag));
        if (options.Digest is { } digest)
            selected = selected.Where(r => r.Target.Digest == digest);
        var list = selected.ToList();
        if (list.Count == 0)
        {
            string what = options.Tag is not null ? $"tag '{options.Tag}'" : options.Digest is { } d ? $"digest '{d}'" : "images";
            throw new DrydockException(ErrorKind.NotFound, $"no image with {what} in the archive");
        }
        if ((options.Name ?? (list.All(r => r.Names.Count == 0) ? options.DefaultName : null)) is { } name)
        {
            if (list.Select(r => r.Target.Digest).Distinct().Count() > 1)
                throw new DrydockException(ErrorKind.InvalidArgument, $"the archive holds several images; select one by tag or digest to name it '{name}'");
            list = [list[0] with { Names = [ImageReference.Parse(name).ToString()] }];
        }
        return list;
    }

    private async Task<IReadOnlyList<LoadedImage>> CommitAsync(string path, LoadPlan plan, IReadOnlyList<LoadRoot> roots, CancellationToken cancellationToken)
    {
        await using Lease lease = await leases.CreateAsync($"load {path}", cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (LoadRoot root in roots) plan.Mark(root.Target);
        foreach ((StagedEntry entry, Descriptor descriptor) in plan.Needed)
        {
            if (await Content.ExistsAsync(entry.Digest, cancellationToken).ConfigureAwait(false)) continue;
            await entry.Writer!.CommitAsync(descriptor.MediaType, entry.Digest, cancellationToken).ConfigureAwait(false);
        }
        foreach (var (bytes, mediaType) in plan.Synthesized)
            await Content.WriteBlobAsync(bytes, mediaType, cancellationToken).ConfigureAwait(false);
        await lease.AddAsync(roots.Select(r => r.Target.Digest), cancellationToken).ConfigureAwait(false);

        var existing = (await images.ListRecordsAsync(cancellationToken).ConfigureAwait(false)).Select(r => r.Target.Digest).ToHashSet();
        var requests = new List<(string? Name, Descriptor Target)>();
        var loaded = new List<LoadedImage>();
        foreach (var group in roots.GroupBy(r => r.Target.Digest))
        {
            Descriptor target = group.First().Target;
            var names = group.SelectMany(r => r.Names).Distinct(StringComparer.Ordinal).ToList();
            // an unnamed image that already has a record keeps it; otherwise it gets a dangling one
            if (names.Count == 0 && existing.Contains(target.Digest))
                loaded.Add(new LoadedImage(null, await images.LoadAsync(target, cancellationToken).ConfigureAwait(false)));
            else if (names.Count == 0) requests.Add((null, target));
            foreach (string name in names) requests.Add((name, target));
        }
        IReadOnlyList<ResolvedImage> named = await images.NameAllAsync(requests, cancellationToken).ConfigureAwait(false);
        loaded.AddRange(requests.Select((r, i) => new LoadedImage(r.Name, named[i])));
        return loaded;
    }
}

using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Core.Layers;
using Drydock.Core.Leases;
using Drydock.Core.Oci;
using Drydock.Snapshotter;

namespace Drydock.Exporter.Image;

/// <summary>
/// Turns a solved snapshot chain and config into an image in the local store: diffs each step's snapshot
/// against its parent into a layer through the <see cref="IDiffer"/> (reusing a layer computed before for the
/// same snapshot), writes config (with BuildKit-style history) and manifest, and names it. The differ clamps
/// file times to the SOURCE_DATE_EPOCH of the requests it serves.
/// <code>
/// var committer = new ImageCommitter(images, snapshotter, differ, new LayerCache(root));
/// ResolvedImage image = await committer.CommitAsync(request, ["app:1"], ct);
/// </code>
/// Created times come from the snapshots (when each step first ran), so a fully cached rebuild yields the same
/// image ID; SOURCE_DATE_EPOCH replaces them all.
/// </summary>
public sealed class ImageCommitter(ImageService images, ISnapshotter snapshotter, IDiffer differ, LayerCache layers)
{
    /// <summary>The diff ID of an empty layer (a tar of two zero blocks): such a step gets empty_layer instead.</summary>
    public static readonly Digest EmptyLayerDiffId = Digest.Parse("sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef");

    public async Task<ResolvedImage> CommitAsync(ImageExportRequest request, IReadOnlyList<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(names);
        Lease? lease = images.Leases is null ? null : await images.Leases.CreateAsync("build export", cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            var (manifest, config) = await BuildAsync(request, lease, cancellationToken).ConfigureAwait(false);
            ResolvedImage image = await images.CreateImageAsync(names.Count > 0 ? names[0] : null, manifest, config, cancellationToken).ConfigureAwait(false);
            foreach (string extra in names.Skip(1)) image = await images.NameAsync(extra, image.Target, cancellationToken).ConfigureAwait(false);
            return image;
        }
        finally
        {
            if (lease is not null) await lease.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<(ImageManifest, ImageConfig)> BuildAsync(ImageExportRequest request, Lease? lease, CancellationToken cancellationToken)
    {
        var layerDescriptors = new List<Descriptor>(request.Base?.Manifest.Layers ?? []);
        var diffIds = new List<Digest>(request.Base?.Config.RootFS.DiffIds ?? []);
        var history = new List<HistoryEntry>(request.Base?.Config.History ?? []);
        DateTimeOffset? last = request.Base?.Config.Created;
        Layer?[] stepLayers = await LayersAsync(request, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < request.Steps.Count; i++)
        {
            ExportStep step = request.Steps[i];
            Layer? layer = stepLayers[i];
            DateTimeOffset? created = last;
            if (step.Snapshot is { } snapshot)
            {
                created = (await snapshotter.StatAsync(snapshot, cancellationToken).ConfigureAwait(false)).CreatedAt;
                if (layer is not null && lease is not null) await lease.AddAsync(layer.Descriptor.Digest, cancellationToken).ConfigureAwait(false);
            }
            if (created is { } c && (last is null || c > last)) last = c;
            if (layer is not null)
            {
                layerDescriptors.Add(layer.Descriptor);
                diffIds.Add(layer.DiffId);
            }
            history.Add(new HistoryEntry
            {
                Created = request.SourceDateEpoch ?? Truncate(created),
                CreatedBy = step.CreatedBy,
                Comment = step.Comment ?? "buildkit.dockerfile.v0",
                EmptyLayer = layer is null,
            });
        }
        var config = new ImageConfig
        {
            Created = request.SourceDateEpoch ?? Truncate(last),
            Author = request.Author,
            Architecture = request.Platform.Architecture,
            OS = request.Platform.OS,
            Variant = request.Platform.Variant,
            Config = request.Config,
            RootFS = new RootFS { DiffIds = diffIds },
            History = history,
        };
        var manifest = new ImageManifest
        {
            Config = new Descriptor(MediaTypes.OciImageConfig, default, 0),
            Layers = layerDescriptors,
            Annotations = request.Annotations,
        };
        return (manifest, config);
    }

    /// <summary>
    /// Each step's layer (null for a metadata step or an empty difference), a few at a time: a small layer's cost
    /// is mostly its snapshot views, tree walk and fsync, which one core waits on, and a large one compresses on
    /// every core anyway. Every layer has finished, or failed, before this returns.
    /// </summary>
    private async Task<Layer?[]> LayersAsync(ImageExportRequest request, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(Math.Max(2, Environment.ProcessorCount));
        var pending = new List<Task<Layer?>>(request.Steps.Count);
        foreach (ExportStep step in request.Steps)
        {
            pending.Add(step.Snapshot is not { } snapshot ? Task.FromResult<Layer?>(null) : Task.Run(async () =>
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await LayerForAsync(step.Parent, snapshot, request.Compression, request.SourceDateEpoch, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            }, cancellationToken));
        }
        return await Task.WhenAll(pending).ConfigureAwait(false);
    }

    private async ValueTask<Layer?> LayerForAsync(string? parent, string snapshot, LayerCompression compression, DateTimeOffset? epoch, CancellationToken cancellationToken)
    {
        Layer layer = await layers.TryGetAsync(images.Content, snapshot, compression, epoch, cancellationToken).ConfigureAwait(false)
            ?? await DiffAsync(parent, snapshot, compression, epoch, cancellationToken).ConfigureAwait(false);
        return layer.DiffId == EmptyLayerDiffId ? null : layer;
    }

    private async ValueTask<Layer> DiffAsync(string? parent, string snapshot, LayerCompression compression, DateTimeOffset? epoch, CancellationToken cancellationToken)
    {
        string suffix = Guid.NewGuid().ToString("N")[..12];
        string upperKey = $"export-{suffix}-upper", lowerKey = $"export-{suffix}-lower";
        try
        {
            IReadOnlyList<Mount> lower = parent is null ? []
                : await snapshotter.ViewAsync(lowerKey, parent, cancellationToken: cancellationToken).ConfigureAwait(false);
            IReadOnlyList<Mount> upper = await snapshotter.ViewAsync(upperKey, snapshot, cancellationToken: cancellationToken).ConfigureAwait(false);
            Layer layer = await differ.CompareAsync(lower, upper, compression, cancellationToken).ConfigureAwait(false);
            await layers.PutAsync(snapshot, compression, epoch, layer, cancellationToken).ConfigureAwait(false);
            return layer;
        }
        catch (Exception e) when (e is not OperationCanceledException and not DrydockException)
        {
            throw new DrydockException(ErrorKind.Unknown, $"failed to compute the layer of snapshot '{snapshot}'", e);
        }
        finally
        {
            await RemoveQuietlyAsync(upperKey).ConfigureAwait(false);
            if (parent is not null) await RemoveQuietlyAsync(lowerKey).ConfigureAwait(false);
        }
    }

    private async ValueTask RemoveQuietlyAsync(string key)
    {
        try
        {
            await snapshotter.RemoveAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DrydockException)
        {
            // never created, or already gone: views hold no data
        }
    }

    /// <summary>Whole seconds, as BuildKit writes them, so the config does not depend on sub-second noise.</summary>
    private static DateTimeOffset? Truncate(DateTimeOffset? t) => t is { } v ? new DateTimeOffset(v.UtcTicks - v.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero) : null;
}

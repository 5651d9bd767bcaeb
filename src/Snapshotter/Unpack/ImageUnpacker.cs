using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Core.Locking;
using Drydock.Core.Oci;
using Drydock.Snapshotter.Metadata;

namespace Drydock.Snapshotter.Unpack;

/// <summary>
/// Unpacks an image's layers into a chain of committed snapshots named by chain ID, sharing every prefix already
/// there: two images on one base unpack the base once. Each layer is applied on an active snapshot of the one
/// below, its diff ID checked against the config, and committed under its chain ID. A lock per chain ID keeps
/// concurrent builds and processes from unpacking the same layer twice.
/// <code>
/// string? top = await new ImageUnpacker(snapshotter, applier).UnpackAsync(image, ct);   // "sha256:…", or null without layers
/// </code>
/// </summary>
public sealed class ImageUnpacker(ISnapshotter snapshotter, ILayerApplier applier)
{
    public const string DiffIdLabel = "drydock.diffid";
    public const string LayerLabel = "drydock.layer";

    private readonly string _locks = snapshotter is MetadataSnapshotter m ? m.Paths.Locks : Path.Combine(Path.GetTempPath(), "drydock-unpack-locks");

    public async ValueTask<string?> UnpackAsync(ResolvedImage image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        IReadOnlyList<Descriptor> layers = image.Manifest.Layers;
        IReadOnlyList<Digest> diffIds = image.Config.RootFS.DiffIds;
        if (layers.Count != diffIds.Count)
        {
            throw new DrydockException(ErrorKind.DataCorrupted,
                $"failed to unpack image '{image.Id}': its manifest has {layers.Count} layers but its config {diffIds.Count} diff IDs");
        }
        string? parent = null;
        Digest? chain = null;
        for (int i = 0; i < layers.Count; i++)
        {
            chain = ChainId.Next(chain, diffIds[i]);
            parent = await EnsureLayerAsync(layers[i], diffIds[i], chain.Value, parent, cancellationToken).ConfigureAwait(false);
        }
        return parent;
    }

    private async ValueTask<string> EnsureLayerAsync(Descriptor layer, Digest diffId, Digest chain, string? parent, CancellationToken ct)
    {
        string name = chain.ToString();
        if (await IsCommittedAsync(name, ct).ConfigureAwait(false)) return name;
        Directory.CreateDirectory(_locks);
        using (await FileLock.AcquireAsync(Path.Combine(_locks, chain.Encoded + ".lock"), ct).ConfigureAwait(false))
        {
            // whoever held the lock before us may have unpacked it
            if (await IsCommittedAsync(name, ct).ConfigureAwait(false)) return name;
            await ApplyAsync(layer, diffId, name, parent, ct).ConfigureAwait(false);
        }
        return name;
    }

    private async ValueTask ApplyAsync(Descriptor layer, Digest diffId, string name, string? parent, CancellationToken ct)
    {
        string key = $"extract-{Guid.NewGuid().ToString("N")[..12]}-{name}";
        IReadOnlyList<Mount> mounts = await snapshotter.PrepareAsync(key, parent, cancellationToken: ct).ConfigureAwait(false);
        bool done = false;
        try
        {
            Digest applied = await applier.ApplyAsync(layer, mounts, ct).ConfigureAwait(false);
            if (applied != diffId)
            {
                throw new DrydockException(ErrorKind.DataCorrupted,
                    $"failed to unpack layer '{layer.Digest}': its diff ID is '{applied}', but the image config says '{diffId}'");
            }
            var labels = new Dictionary<string, string> { [DiffIdLabel] = diffId.ToString(), [LayerLabel] = layer.Digest.ToString() };
            try
            {
                await snapshotter.CommitAsync(name, key, new SnapshotOptions { Labels = labels }, ct).ConfigureAwait(false);
                done = true;
            }
            catch (DrydockException e) when (e.Kind == ErrorKind.AlreadyExists)
            {
                // committed meanwhile by a caller that did not take the chain lock (another unpacker instance on a foreign snapshotter)
            }
        }
        finally
        {
            if (!done) await RemoveQuietlyAsync(key).ConfigureAwait(false);
        }
    }

    private async ValueTask<bool> IsCommittedAsync(string name, CancellationToken ct)
        => await snapshotter.TryStatAsync(name, ct).ConfigureAwait(false) is { Kind: SnapshotKind.Committed };

    private async ValueTask RemoveQuietlyAsync(string key)
    {
        try
        {
            await snapshotter.RemoveAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DrydockException or IOException)
        {
            // an extract-* active left behind is removed when its (dead) owner's root is next opened
        }
    }
}

using System.Collections.Immutable;
using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Solver.Cache;
using Drydock.Solver.Graph;
using Drydock.Solver.Ops;

namespace Drydock.Solver.Executors;

/// <summary>
/// FROM an image of the local store: unpacks its layers into a chain of committed snapshots (once per root;
/// the unpacker shares chains) and returns the top one. The op holds the resolved manifest digest, so the key
/// changes when the name points at another image.
/// </summary>
public sealed class ImageSourceExecutor(BuildServices services) : IOpExecutor
{
    public bool UsesCache => false;

    public ValueTask<CacheMap> GetCacheMapAsync(Vertex vertex, CancellationToken cancellationToken)
        => ValueTask.FromResult(new CacheMap(OpJson.DigestOf(vertex.Op), []));

    public async ValueTask<SnapshotRef> ExecuteAsync(Vertex vertex, ImmutableArray<SnapshotRef> inputs, StepContext context, CancellationToken cancellationToken)
    {
        var op = (ImageSourceOp)vertex.Op;
        ResolvedImage image = await ResolveAsync(op, cancellationToken).ConfigureAwait(false);
        string? chain = await services.Unpack(image, cancellationToken).ConfigureAwait(false);
        return chain is null ? SnapshotRef.Empty : SnapshotRef.Committed(chain);
    }

    private async Task<ResolvedImage> ResolveAsync(ImageSourceOp op, CancellationToken cancellationToken)
    {
        ResolvedImage? image = await services.Images.TryResolveAsync(op.Reference, cancellationToken).ConfigureAwait(false);
        if (image is not null && image.ManifestDescriptor.Digest.ToString() == op.ManifestDigest) return image;
        throw new DrydockException(ErrorKind.FailedPrecondition, $"base image '{op.Reference}' changed while the build was running; build again");
    }
}

using System.Collections.Immutable;
using Drydock.Solver.Cache;
using Drydock.Solver.Graph;
using Drydock.Solver.Ops;

namespace Drydock.Solver.Executors;

/// <summary>WORKDIR: creates the directory and its missing parents (0755, owned by the stage's USER), as BuildKit does.</summary>
public sealed class MkdirExecutor(BuildServices services) : IOpExecutor
{
    public ValueTask<CacheMap> GetCacheMapAsync(Vertex vertex, CancellationToken cancellationToken)
        => ValueTask.FromResult(new CacheMap(OpJson.DigestOf(vertex.Op), []));

    public async ValueTask<SnapshotRef> ExecuteAsync(Vertex vertex, ImmutableArray<SnapshotRef> inputs, StepContext context, CancellationToken cancellationToken)
    {
        var op = (MkdirOp)vertex.Op;
        SnapshotRef parent = op.Root is { } r ? inputs[r] : SnapshotRef.Empty;
        return await SnapshotWork.WithActiveAsync(services, parent, context, async (mounts, ct) =>
        {
            var (uid, gid) = UserSpec.IsNumeric(op.User)
                ? UserSpec.Resolve(op.User, null, null)
                : UserSpec.Resolve(op.User, RootfsFiles.TryRead(mounts, "etc/passwd"), RootfsFiles.TryRead(mounts, "etc/group"));
            await SnapshotWork.WithMountedAsync(services, mounts, root =>
            {
                FileCopier.CreateParents(root, RootPath.Resolve(root, op.Path, followLast: true), uid, gid);
                return ValueTask.CompletedTask;
            }, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }
}

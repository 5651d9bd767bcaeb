using System.Collections.Immutable;
using System.Diagnostics;
using Drydock.Core;
using Drydock.Solver.Cache;
using Drydock.Solver.Graph;
using Drydock.Solver.Ops;

namespace Drydock.Solver.Executors;

/// <summary>
/// COPY --link: the files were copied onto an empty root by their own step (so that step and its layer do
/// not depend on what is below), and this step stacks them on the root input. The exporter takes the layer
/// from the empty-root step, so a changed base rebuilds neither.
/// </summary>
public sealed class MergeExecutor(BuildServices services) : IOpExecutor
{
    public ValueTask<CacheMap> GetCacheMapAsync(Vertex vertex, CancellationToken cancellationToken)
        => ValueTask.FromResult(new CacheMap(OpJson.DigestOf(vertex.Op), []));

    public async ValueTask<SnapshotRef> ExecuteAsync(Vertex vertex, ImmutableArray<SnapshotRef> inputs, StepContext context, CancellationToken cancellationToken)
    {
        var op = (MergeOp)vertex.Op;
        SnapshotRef parent = op.Root is { } r ? inputs[r] : SnapshotRef.Empty;
        SnapshotRef layer = inputs[op.Layer];
        if (layer.IsEmpty) return parent;
        return await SnapshotWork.WithActiveAsync(services, parent, context, async (mounts, ct) =>
        {
            string key = "build-merge-" + Guid.NewGuid().ToString("N")[..16];
            IReadOnlyList<Mount> view = await services.Snapshotter.ViewAsync(key, layer.Name, cancellationToken: ct).ConfigureAwait(false);
            try
            {
                await SnapshotWork.WithMountedAsync(services, mounts, dest =>
                    SnapshotWork.WithMountedAsync(services, view, src => CopyAllAsync(src, dest, ct), ct, allowReadOnly: true), ct).ConfigureAwait(false);
            }
            finally
            {
                await SnapshotWork.RemoveQuietlyAsync(services, key).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>`cp -a` keeps owners, modes, times, links and devices exactly as the layer step made them.</summary>
    private static async ValueTask CopyAllAsync(string source, string destination, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("cp") { RedirectStandardError = true };
        foreach (string a in new[] { "-a", "--", source + "/.", destination + "/" }) psi.ArgumentList.Add(a);
        using Process p = Process.Start(psi) ?? throw new DrydockException(ErrorKind.Unavailable, "cannot start 'cp'");
        string error = await p.StandardError.ReadToEndAsync(ct).ConfigureAwait(false);
        await p.WaitForExitAsync(ct).ConfigureAwait(false);
        if (p.ExitCode != 0) throw new DrydockException(ErrorKind.Unknown, $"failed to stack the --link layer: {error.Trim()}");
    }
}

using Drydock.Core;
using Drydock.Solver.Cache;

namespace Drydock.Solver.Executors;

/// <summary>
/// The shared life of a step's snapshot: prepare an active snapshot on the parent, let the step change it
/// (mounted on a host directory for file ops, or handed to the runtime for RUN), then commit it under the
/// step's name. On failure or cancellation the active snapshot is removed, so the store stays consistent.
/// When another build committed the same name first (same key, same content), its snapshot is used.
/// </summary>
internal static class SnapshotWork
{
    public static async ValueTask<SnapshotRef> WithActiveAsync(BuildServices services, SnapshotRef parent, StepContext context,
        Func<IReadOnlyList<Mount>, CancellationToken, ValueTask> change, CancellationToken cancellationToken)
    {
        string key = context.NewActiveKey();
        IReadOnlyList<Mount> mounts = await services.Snapshotter.PrepareAsync(key, parent.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        bool committed = false;
        try
        {
            await change(mounts, cancellationToken).ConfigureAwait(false);
            string name = await CommitAsync(services, key, context.SnapshotName, cancellationToken).ConfigureAwait(false);
            committed = true;
            return SnapshotRef.Committed(name);
        }
        finally
        {
            if (!committed) await RemoveQuietlyAsync(services, key).ConfigureAwait(false);
        }
    }

    /// <summary>Mounts an active snapshot on a fresh host directory for the duration of <paramref name="work"/>.</summary>
    public static async ValueTask WithMountedAsync(BuildServices services, IReadOnlyList<Mount> mounts, Func<string, ValueTask> work, CancellationToken cancellationToken,
        bool allowReadOnly = false)
    {
        // a snapshot that is one plain directory needs no mount at all
        if (mounts is [{ Type: "bind" } only] && (allowReadOnly || !only.IsReadOnly))
        {
            await work(only.Source).ConfigureAwait(false);
            return;
        }
        string target = Path.Combine(services.Root.Tmp, "mnt-" + Guid.NewGuid().ToString("N")[..16]);
        Directory.CreateDirectory(target);
        try
        {
            await services.Mount(mounts, target, cancellationToken).ConfigureAwait(false);
            try
            {
                await work(target).ConfigureAwait(false);
            }
            finally
            {
                await services.Unmount(target, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(target);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async ValueTask<string> CommitAsync(BuildServices services, string key, string name, CancellationToken cancellationToken)
    {
        try
        {
            await services.Snapshotter.CommitAsync(name, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (DrydockException e) when (e.Kind == ErrorKind.AlreadyExists)
        {
            // a concurrent build of the same step won: same key, same content
            await RemoveQuietlyAsync(services, key).ConfigureAwait(false);
        }
        return name;
    }

    public static async ValueTask RemoveQuietlyAsync(BuildServices services, string key)
    {
        try
        {
            await services.Snapshotter.RemoveAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DrydockException)
        {
        }
        catch (IOException)
        {
        }
    }
}

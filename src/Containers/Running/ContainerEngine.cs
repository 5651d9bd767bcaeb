using Drydock.Containers.Spec;
using Drydock.Containers.Store;
using Drydock.Core;
using Drydock.Snapshotter;

namespace Drydock.Containers.Running;

/// <summary>
/// `drydock run`, `stop`, `kill`, `rm`: containers from image to removal. Every command starts by cleaning up
/// what a killed drydock left behind (see <see cref="CleanUpAsync"/>), so no container outlives its supervisor
/// for longer than the next command.
/// </summary>
public sealed partial class ContainerEngine
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(20);
    private readonly ContainerServices _services;

    public ContainerEngine(ContainerServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
        Store = new ContainerStore(services.Root);
    }

    public ContainerStore Store { get; }

    private TimeProvider Time => _services.Time;

    /// <summary>
    /// Finds containers whose supervising drydock is gone while their record says created or running, kills
    /// what is left of them, records them as exited, and removes the --rm ones with their snapshots.
    /// </summary>
    public async Task CleanUpAsync(CancellationToken cancellationToken)
    {
        Store.RemoveAbandonedDirectories();
        await foreach (ContainerRecord r in Store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (r.Status == ContainerStatus.Exited || r.Owner is { IsAlive: true }) continue;
            bool killed = r.Process is { IsAlive: true } p && ProcessSignals.Send(p.Pid, Signals.SigKill, $"container '{r.Name}'");
            ContainerRecord? updated = await Store.UpdateAsync(r.Id, current => current.Owner is { IsAlive: true } || current.Status == ContainerStatus.Exited
                ? current
                : current with
                {
                    Status = ContainerStatus.Exited,
                    ExitCode = killed ? 128 + Signals.SigKill : current.ExitCode ?? 255,
                    FinishedAt = Time.GetUtcNow(),
                    Process = null,
                    Owner = null,
                    Error = "the drydock process supervising the container exited",
                }, cancellationToken).ConfigureAwait(false);
            if (updated is { Status: ContainerStatus.Exited, AutoRemove: true }) await RemoveStorageAsync(updated, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The detached supervisor's body (`drydock container-shim ID`); returns the container's exit code.</summary>
    public Task<int> SuperviseAsync(string id, CancellationToken cancellationToken) => ContainerShim.RunAsync(this, id, Time, cancellationToken);

    /// <summary>`drydock stop`: the stop signal, then SIGKILL after <paramref name="timeout"/>; a stopped container is left as is.</summary>
    public async Task StopAsync(string nameOrId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ContainerRecord r = await Store.FindAsync(nameOrId, cancellationToken).ConfigureAwait(false);
        if (r.Status != ContainerStatus.Running) return;
        Signal(r, r.StopSignal);
        if (await WaitForExitAsync(r.Id, timeout, cancellationToken).ConfigureAwait(false)) return;
        if (await Store.TryGetAsync(r.Id, cancellationToken).ConfigureAwait(false) is { Status: ContainerStatus.Running } still) Signal(still, Signals.SigKill);
        await WaitForExitAsync(r.Id, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>`drydock kill`: sends a signal to a running container and does not wait.</summary>
    public async Task KillAsync(string nameOrId, int signal, CancellationToken cancellationToken)
    {
        ContainerRecord r = await Store.FindAsync(nameOrId, cancellationToken).ConfigureAwait(false);
        if (r.Status != ContainerStatus.Running || r.Process is not { IsAlive: true })
            throw new DrydockException(ErrorKind.FailedPrecondition, $"cannot kill container: {nameOrId}: container {r.Id} is not running");
        Signal(r, signal);
    }

    /// <summary>`drydock rm`: removes a container that is not running (or, with <paramref name="force"/>, kills it first).</summary>
    public async Task RemoveAsync(string nameOrId, bool force, CancellationToken cancellationToken)
    {
        ContainerRecord r = await Store.FindAsync(nameOrId, cancellationToken).ConfigureAwait(false);
        if (r.Status == ContainerStatus.Running)
        {
            if (!force)
                throw new DrydockException(ErrorKind.FailedPrecondition,
                    $"cannot remove container \"/{r.Name}\": container is running: stop the container before removing or force remove");
            Signal(r, Signals.SigKill);
            await WaitForExitAsync(r.Id, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        await RemoveStorageAsync(r, cancellationToken).ConfigureAwait(false);
    }

    private static void Signal(ContainerRecord r, int signal)
    {
        if (r.Process is { IsAlive: true } p) ProcessSignals.Send(p.Pid, signal, $"container '{r.Name}'");
    }

    /// <summary>Polls the record until its supervisor has recorded the exit; false when the timeout passed first.</summary>
    private async Task<bool> WaitForExitAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        long start = Time.GetTimestamp();
        while (true)
        {
            ContainerRecord? r = await Store.TryGetAsync(id, cancellationToken).ConfigureAwait(false);
            if (r is null || r.Status == ContainerStatus.Exited) return true;
            if (r.Owner is not { IsAlive: true })
            {
                await CleanUpAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            if (timeout != Timeout.InfiniteTimeSpan && Time.GetElapsedTime(start) >= timeout) return false;
            await Task.Delay(s_poll, Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes the snapshot, then the record: a crash in between leaves a record that `rm` finishes.</summary>
    private async Task RemoveStorageAsync(ContainerRecord r, CancellationToken cancellationToken)
    {
        if (await _services.Snapshotter.Value.TryStatAsync(r.SnapshotKey, cancellationToken).ConfigureAwait(false) is not null)
            await _services.Snapshotter.Value.RemoveAsync(r.SnapshotKey, cancellationToken).ConfigureAwait(false);
        await Store.DeleteAsync(r.Id, cancellationToken).ConfigureAwait(false);
    }
}

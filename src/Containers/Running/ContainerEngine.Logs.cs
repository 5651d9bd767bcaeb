using Drydock.Containers.Logs;
using Drydock.Containers.Store;

namespace Drydock.Containers.Running;

public sealed partial class ContainerEngine
{
    /// <summary>
    /// `drydock logs`: a detached container's output from its json-file log, stdout entries to
    /// <paramref name="stdout"/> and stderr entries to <paramref name="stderr"/>. With <paramref name="follow"/>
    /// it keeps printing until the container exits.
    /// </summary>
    public async Task LogsAsync(string nameOrId, bool follow, int? tail, Stream stdout, Stream stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ContainerRecord r = await Store.FindAsync(nameOrId, cancellationToken).ConfigureAwait(false);
        Func<CancellationToken, ValueTask<bool>>? more = follow ? async ct =>
        {
            ContainerRecord? now = await Store.TryGetAsync(r.Id, ct).ConfigureAwait(false);
            if (now is { Status: not ContainerStatus.Exited, Owner.IsAlive: false }) await CleanUpAsync(ct).ConfigureAwait(false);
            return now is { Status: not ContainerStatus.Exited, Owner.IsAlive: true };
        } : null;
        await foreach (LogEntry e in JsonFileLogReader.ReadAsync(Store.LogPathOf(r.Id), tail, more, cancellationToken).ConfigureAwait(false))
        {
            Stream target = e.IsStderr ? stderr : stdout;
            await target.WriteAsync(System.Text.Encoding.UTF8.GetBytes(e.Log), cancellationToken).ConfigureAwait(false);
            await target.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

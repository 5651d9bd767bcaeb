using System.Runtime.CompilerServices;
using Drydock.Core;

namespace Drydock.Snapshotter.Metadata;

internal abstract partial class MetadataSnapshotter
{
    public async ValueTask<SnapshotInfo> StatAsync(string keyOrName, CancellationToken cancellationToken = default)
        => await TryStatAsync(keyOrName, cancellationToken).ConfigureAwait(false) ?? throw NotFound("failed to stat snapshot", keyOrName);

    public async ValueTask<SnapshotInfo?> TryStatAsync(string keyOrName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyOrName);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return _store.TryRead(keyOrName)?.ToInfo();
    }

    public async ValueTask<SnapshotUsage> UsageAsync(string keyOrName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyOrName);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        SnapshotRecord record = _store.TryRead(keyOrName) ?? throw NotFound("failed to get usage of snapshot", keyOrName);
        if (OwnTree(record) is not { } tree) return new SnapshotUsage(0, 0);
        return await Task.Run(() => TreeUsage.Of(tree, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<SnapshotInfo> WalkAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        foreach (SnapshotRecord record in _store.ReadAll())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record.ToInfo();
        }
    }
}

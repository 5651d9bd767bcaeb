using Drydock.Core;
using Drydock.Core.Locking;

namespace Drydock.Snapshotter.Metadata;

internal abstract partial class MetadataSnapshotter
{
    public async ValueTask RemoveAsync(string keyOrName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyOrName);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        EnterSession();
        using (await _store.LockAsync(cancellationToken).ConfigureAwait(false))
        {
            SnapshotRecord record = _store.TryRead(keyOrName) ?? throw NotFound("failed to remove snapshot", keyOrName);
            if (record.Kind == SnapshotKind.Committed
                && _store.ReadAll().FirstOrDefault(r => r.Parent == record.Name) is { } child)
            {
                throw new DrydockException(ErrorKind.FailedPrecondition, $"failed to remove snapshot '{keyOrName}': it is the parent of '{child.Name}'");
            }
            _store.Delete(record.Name, durable: record.Kind == SnapshotKind.Committed);
            // an active whose commit was cut short after the committed record was written shares its data
            if (record.Kind == SnapshotKind.Committed || !File.Exists(Paths.CommittedMarker(record.Id))) DiscardData(record.Id);
            _owned.TryRemove(record.Name, out _);
        }
        EmptyTrash();
    }

    private async ValueTask RemoveQuietlyAsync(string key)
    {
        try
        {
            await RemoveAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DrydockException or IOException or UnauthorizedAccessException)
        {
            // the next open removes what is left
        }
    }

    /// <summary>Under the lock: moves an id's data to the trash, so no one sees it half deleted.</summary>
    private void DiscardData(long id)
    {
        ForgetData(id);
        string data = Paths.DataOf(id);
        if (!Directory.Exists(data)) return;
        Directory.Move(data, Path.Combine(Paths.Trash, id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8]));
    }

    /// <summary>Outside the lock: deletes what is in the trash; a failure (a leftover mount) leaves it for the next time.</summary>
    private void EmptyTrash()
    {
        if (!Directory.Exists(Paths.Trash)) return;
        foreach (string dir in Directory.EnumerateDirectories(Paths.Trash))
        {
            try
            {
                DirectoryTree.Delete(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // deleted by another process at the same time, or busy: the next open tries again
            }
        }
    }

    /// <summary>Only for the tests of crash recovery: the lock every mutation takes.</summary>
    internal ValueTask<FileLock> LockForTestsAsync(CancellationToken cancellationToken) => _store.LockAsync(cancellationToken);
}

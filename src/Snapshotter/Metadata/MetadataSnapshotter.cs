using System.Collections.Immutable;
using Drydock.Core;
using Drydock.Core.Locking;

namespace Drydock.Snapshotter.Metadata;

/// <summary>
/// The lifecycle both drivers share; a driver only says how a snapshot's data is made and mounted.
/// Every mutation holds the metadata lock, so two processes on one root are safe. Records are written before the
/// data they own is made (prepare) and after it is complete (commit): a commit's only step is the durable rename of
/// the committed record, so it is all or nothing. Actives record their owning process; records of dead owners,
/// temp files and data no record names are removed when an instance first touches the root.
/// </summary>
internal abstract partial class MetadataSnapshotter : ISnapshotter
{
    /// <summary>A label on an active that outlives its creator (a container's snapshot, removed by the engine).</summary>
    public const string ContainerLabel = "drydock.container";

    private readonly MetadataStore _store;
    private readonly TimeProvider _time;
    private Lazy<Task> _ready;

    protected MetadataSnapshotter(string directory, TimeProvider? timeProvider)
    {
        Paths = new SnapshotPaths(directory);
        _store = new MetadataStore(Paths);
        _time = timeProvider ?? TimeProvider.System;
        _ready = new Lazy<Task>(RecoverAsync);
    }

    internal SnapshotPaths Paths { get; }

    internal MetadataStore Store => _store;

    /// <summary>Makes the data of a new active or view, after its record exists; its data directory is empty.</summary>
    protected abstract ValueTask CreateDataAsync(SnapshotRecord record, CancellationToken cancellationToken);

    internal abstract IReadOnlyList<Mount> MountsFor(SnapshotRecord record);

    /// <summary>The directory whose contents are this snapshot's own, for usage; null when it owns none.</summary>
    protected virtual string? OwnTree(SnapshotRecord record) => record.Kind == SnapshotKind.View ? null : Paths.Fs(record.Id);

    /// <summary>Forgets what the driver keeps outside the data directory of an id (overlay's short link).</summary>
    protected virtual void ForgetData(long id)
    {
    }

    public ValueTask<IReadOnlyList<Mount>> PrepareAsync(string key, string? parent, SnapshotOptions? options = null, CancellationToken cancellationToken = default)
        => CreateAsync(key, parent, SnapshotKind.Active, options, cancellationToken);

    public ValueTask<IReadOnlyList<Mount>> ViewAsync(string key, string? parent, SnapshotOptions? options = null, CancellationToken cancellationToken = default)
        => CreateAsync(key, parent, SnapshotKind.View, options, cancellationToken);

    public async ValueTask<IReadOnlyList<Mount>> MountsAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        SnapshotRecord record = _store.TryRead(key) ?? throw NotFound("failed to get mounts of snapshot", key);
        if (record.Kind == SnapshotKind.Committed)
            throw new DrydockException(ErrorKind.FailedPrecondition, $"failed to get mounts of snapshot '{key}': it is committed; make a view of it");
        return MountsFor(record);
    }

    private async ValueTask<IReadOnlyList<Mount>> CreateAsync(string key, string? parent, SnapshotKind kind, SnapshotOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (parent is { Length: 0 }) parent = null;
        string verb = kind == SnapshotKind.View ? "view" : "prepare";
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        EnterSession();
        IReadOnlyDictionary<string, string> labels = options?.Labels is { } given ? new Dictionary<string, string>(given, StringComparer.Ordinal) : SnapshotRecord.NoLabels;
        SnapshotRecord record;
        using (await _store.LockAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_store.TryRead(key) is not null)
                throw new DrydockException(ErrorKind.AlreadyExists, $"failed to {verb} snapshot '{key}': it already exists");
            ImmutableArray<long> parentIds = [];
            if (parent is not null)
            {
                SnapshotRecord p = _store.TryRead(parent)
                    ?? throw new DrydockException(ErrorKind.NotFound, $"failed to {verb} snapshot '{key}': parent '{parent}' not found");
                if (p.Kind != SnapshotKind.Committed)
                    throw new DrydockException(ErrorKind.FailedPrecondition, $"failed to {verb} snapshot '{key}': parent '{parent}' is not committed");
                parentIds = [p.Id, .. p.ParentIds];
            }
            record = new SnapshotRecord
            {
                Name = key,
                Parent = parent,
                Kind = kind,
                CreatedAt = _time.GetUtcNow(),
                Labels = labels,
                Id = _store.AllocateId(),
                ParentIds = parentIds,
                Owner = labels.ContainsKey(ContainerLabel) ? null : ProcessIdentity.Current,
            };
            // not durable: a lost active record only leaves a data directory, which the next open removes
            _store.Write(record, durable: false);
            if (record.Owner is not null) _owned[key] = 0;
        }
        try
        {
            await CreateDataAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await RemoveQuietlyAsync(key).ConfigureAwait(false);
            throw;
        }
        return MountsFor(record);
    }

    public async ValueTask CommitAsync(string name, string key, SnapshotOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(key);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        EnterSession();
        using FileLock held = await _store.LockAsync(cancellationToken).ConfigureAwait(false);
        SnapshotRecord active = _store.TryRead(key) ?? throw NotFound("failed to commit snapshot", key);
        if (active.Kind != SnapshotKind.Active)
            throw new DrydockException(ErrorKind.FailedPrecondition, $"failed to commit snapshot '{key}': it is {(active.Kind == SnapshotKind.View ? "a view" : "committed")}, not active");
        if (_store.TryRead(name) is not null)
            throw new DrydockException(ErrorKind.AlreadyExists, $"failed to commit snapshot '{key}': snapshot '{name}' already exists");
        IReadOnlyDictionary<string, string> labels = active.Labels;
        if (options?.Labels is { } extra)
        {
            var merged = new Dictionary<string, string>(labels, StringComparer.Ordinal);
            foreach (KeyValuePair<string, string> label in extra) merged[label.Key] = label.Value;
            labels = merged;
        }
        SnapshotRecord committed = active with { Name = name, Kind = SnapshotKind.Committed, CreatedAt = _time.GetUtcNow(), Labels = labels, Owner = null };
        // the commit point: the data is complete in place, and the record appears at once by rename
        string marker = Paths.CommittedMarker(active.Id);
        File.WriteAllBytes(marker, []);
        try
        {
            _store.Write(committed, durable: true);
        }
        catch
        {
            File.Delete(marker);
            throw;
        }
        _store.Delete(key, durable: true);
        _owned.TryRemove(key, out _);
    }

    private static DrydockException NotFound(string what, string keyOrName)
        => new(ErrorKind.NotFound, $"{what} '{keyOrName}': not found");
}

using System.Text.Json;

namespace Drydock.Core.Leases;

/// <summary>
/// Creates leases under <see cref="DrydockRoot.Leases"/> and tells the garbage collector which are alive.
/// A lease is alive while its owner process runs (pid and start time match) or, for a lease with an expiry,
/// until it expires. Dead leases are deleted when listed.
/// </summary>
public sealed class LeaseManager
{
    private readonly string _dir;
    private readonly TimeProvider _time;

    public LeaseManager(DrydockRoot root, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        _dir = root.Leases;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Takes a lease owned by this process; <paramref name="expiresAfter"/> keeps it beyond the process's life.</summary>
    public async ValueTask<Lease> CreateAsync(string purpose, TimeSpan? expiresAfter = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        Directory.CreateDirectory(_dir);
        int pid = Environment.ProcessId;
        DateTimeOffset now = _time.GetUtcNow();
        var record = new LeaseRecord($"{pid}-{Guid.NewGuid():N}", purpose, pid, (long)(ProcessIdentity.StartTimeOf(pid, exitedCounts: true) ?? 0), now,
            expiresAfter is { } e ? now + e : null, []);
        string path = Path.Combine(_dir, record.Id + ".json");
        await Lease.WriteAsync(path, record, cancellationToken).ConfigureAwait(false);
        return new Lease(path, record);
    }

    /// <summary>The leases still alive; removes the files of dead ones.</summary>
    public async ValueTask<IReadOnlyList<LeaseRecord>> ListLiveAsync(CancellationToken cancellationToken = default)
    {
        var live = new List<LeaseRecord>();
        if (!Directory.Exists(_dir)) return live;
        foreach (string path in Directory.EnumerateFiles(_dir, "*.json"))
        {
            LeaseRecord? record;
            try
            {
                record = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), LeaseJsonContext.Default.LeaseRecord);
            }
            catch (FileNotFoundException)
            {
                continue;
            }
            catch (JsonException)
            {
                record = null; // a torn write of a crashed process: its owner is gone with it
            }
            if (record is not null && IsAlive(record)) live.Add(record);
            else TryDelete(path);
        }
        return live;
    }

    public bool IsAlive(LeaseRecord lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        if (lease.Expires is { } expires && expires > _time.GetUtcNow()) return true;
        // a lease outlives its process until the parent reaps it, as it always has
        return lease.Pid > 0 && ProcessIdentity.StartTimeOf(lease.Pid, exitedCounts: true) is { } start && (long)start == lease.ProcessStart;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}

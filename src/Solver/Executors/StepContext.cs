using Drydock.Solver.Cache;
using Drydock.Solver.Progress;

namespace Drydock.Solver.Executors;

/// <summary>What the solver hands an executor for one step: its key, the name to commit under, and where output goes.</summary>
public sealed class StepContext(CacheKey key, ProgressStep step, IBuildProgress progress)
{
    private string? _name;

    public CacheKey Key { get; } = key;

    public ProgressStep Step { get; } = step;

    public IBuildProgress Progress { get; } = progress;

    /// <summary>The step runs although the cache may hold it (--no-cache): its result must replace what is there.</summary>
    public bool Forced { get; init; }

    /// <summary>
    /// The committed snapshot's name: derived from the key, so concurrent builds of one step agree on it, except
    /// for a forced rerun, whose fresh result must not be dropped in favour of the snapshot it replaces.
    /// </summary>
    public string SnapshotName => _name ??= Forced ? $"build-{Key.Digest.Encoded}-{Guid.NewGuid().ToString("N")[..12]}" : "build-" + Key.Digest.Encoded;

    /// <summary>The committed result of the last build of this same instruction, when the cache still holds it.</summary>
    public EarlierResult? Earlier { get; init; }

    /// <summary>A unique key for the step's active snapshot.</summary>
    public string NewActiveKey() => $"build-active-{Key.Digest.Encoded[..16]}-{Guid.NewGuid():N}";

    public void Log(ReadOnlySpan<byte> data, bool stderr) => Progress.Log(Step, data, stderr);
}

/// <summary>
/// An earlier result of a step (its committed snapshot) with the files it took per content subject then and now:
/// a file whose checksum did not change can be taken from that snapshot instead of from the context.
/// </summary>
public sealed record EarlierResult(string Snapshot, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> FilesThen, IReadOnlyList<ContentChecksum> Now)
{
    /// <summary>The names of <paramref name="subject"/>'s files whose checksum is the same then and now.</summary>
    public Func<string, bool> Unchanged(string subject)
    {
        IReadOnlyDictionary<string, string>? then = FilesThen.GetValueOrDefault(subject);
        IReadOnlyDictionary<string, string>? now = Now.FirstOrDefault(c => c.Subject == subject)?.Files;
        if (then is null || now is null) return static _ => false;
        return rel => now.TryGetValue(rel, out string? a) && then.TryGetValue(rel, out string? b) && a == b;
    }
}

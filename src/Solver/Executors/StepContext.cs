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

    /// <summary>A unique key for the step's active snapshot.</summary>
    public string NewActiveKey() => $"build-active-{Key.Digest.Encoded[..16]}-{Guid.NewGuid():N}";

    public void Log(ReadOnlySpan<byte> data, bool stderr) => Progress.Log(Step, data, stderr);
}

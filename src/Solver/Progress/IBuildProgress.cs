namespace Drydock.Solver.Progress;

/// <summary>
/// The sink for everything a user sees while a build runs, in BuildKit's vocabulary: steps start (with the
/// reason they were not cached), are cached, print output, report status and complete or fail. Implementations
/// are thread-safe: steps of independent stages report at the same time.
/// </summary>
public interface IBuildProgress
{
    void Started(ProgressStep step, string? missReason);

    void Cached(ProgressStep step);

    void Log(ProgressStep step, ReadOnlySpan<byte> data, bool stderr);

    void Status(ProgressStep step, string message);

    void Completed(ProgressStep step, Exception? error);

    void Warning(string message);

    /// <summary>Draws the final state (tty mode) and stops any refresh.</summary>
    void Finish();
}

/// <summary>One line of progress: a vertex of the graph or an internal task such as "exporting to image".</summary>
public sealed class ProgressStep(string id, string name)
{
    private long _startedTicks;
    private long _completedTicks;

    public string Id { get; } = id;

    public string Name { get; } = name;

    public IReadOnlyList<string> Inputs { get; init; } = [];

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public bool IsCached { get; private set; }

    public string? Error { get; private set; }

    public TimeSpan Elapsed => _startedTicks == 0 ? TimeSpan.Zero
        : System.Diagnostics.Stopwatch.GetElapsedTime(_startedTicks, _completedTicks == 0 ? System.Diagnostics.Stopwatch.GetTimestamp() : _completedTicks);

    internal void MarkStarted()
    {
        if (_startedTicks != 0) return;
        _startedTicks = System.Diagnostics.Stopwatch.GetTimestamp();
        StartedAt = DateTimeOffset.UtcNow;
    }

    internal void MarkCached()
    {
        MarkStarted();
        IsCached = true;
        MarkCompleted(null);
    }

    internal void MarkCompleted(Exception? error)
    {
        if (_completedTicks != 0) return;
        _completedTicks = System.Diagnostics.Stopwatch.GetTimestamp();
        CompletedAt = DateTimeOffset.UtcNow;
        Error = error?.Message;
    }
}

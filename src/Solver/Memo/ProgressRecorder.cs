using Drydock.Solver.Progress;

namespace Drydock.Solver.Memo;

/// <summary>
/// Passes a solve's progress through and remembers its steps in the order they first appeared, so a memoized
/// rebuild can show the same lines, numbered the same way.
/// </summary>
public sealed class ProgressRecorder(IBuildProgress inner) : IBuildProgress
{
    private readonly Lock _lock = new();
    private readonly List<ProgressStep> _steps = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];

    /// <summary>The steps seen, each marked as a source (FROM, shown as DONE) when <paramref name="isSource"/> says so.</summary>
    public IReadOnlyList<MemoStep> Steps(Func<string, bool> isSource)
    {
        ArgumentNullException.ThrowIfNull(isSource);
        lock (_lock) return [.. _steps.Select(s => new MemoStep(s.Id, s.Name, isSource(s.Id)) { Inputs = s.Inputs })];
    }

    public IReadOnlyList<string> Warnings
    {
        get
        {
            lock (_lock) return [.. _warnings];
        }
    }

    public void Started(ProgressStep step, string? missReason)
    {
        Seen(step);
        inner.Started(step, missReason);
    }

    public void Cached(ProgressStep step)
    {
        Seen(step);
        inner.Cached(step);
    }

    public void Log(ProgressStep step, ReadOnlySpan<byte> data, bool stderr) => inner.Log(step, data, stderr);

    public void Status(ProgressStep step, string message)
    {
        Seen(step);
        inner.Status(step, message);
    }

    public void Completed(ProgressStep step, Exception? error)
    {
        Seen(step);
        inner.Completed(step, error);
    }

    public void Warning(string message)
    {
        lock (_lock) _warnings.Add(message);
        inner.Warning(message);
    }

    public void Finish() => inner.Finish();

    /// <summary>Shows a remembered build again: every step CACHED, sources DONE, in the original order.</summary>
    public static void Replay(IBuildProgress progress, BuildMemoEntry entry)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(entry);
        foreach (string warning in entry.Warnings) progress.Warning(warning);
        foreach (MemoStep s in entry.Steps)
        {
            var step = new ProgressStep(s.Id, s.Name) { Inputs = s.Inputs };
            if (s.Source)
            {
                progress.Started(step, null);
                progress.Completed(step, null);
            }
            else progress.Cached(step);
        }
    }

    private void Seen(ProgressStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_lock)
        {
            if (_seen.Add(step.Id)) _steps.Add(step);
        }
    }
}

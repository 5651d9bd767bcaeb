namespace Drydock.Solver.Progress;

/// <summary>--progress quiet: nothing while building; a failing step's output is kept so the error can show it.</summary>
public sealed class QuietProgress : IBuildProgress
{
    public void Started(ProgressStep step, string? missReason) => step?.MarkStarted();

    public void Cached(ProgressStep step) => step?.MarkCached();

    public void Log(ProgressStep step, ReadOnlySpan<byte> data, bool stderr)
    {
    }

    public void Status(ProgressStep step, string message)
    {
    }

    public void Completed(ProgressStep step, Exception? error) => step?.MarkCompleted(error);

    public void Warning(string message)
    {
    }

    public void Finish()
    {
    }
}

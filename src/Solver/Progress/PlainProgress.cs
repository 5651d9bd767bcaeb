using System.Globalization;
using System.Text;

namespace Drydock.Solver.Progress;

/// <summary>
/// BuildKit's plain progress: <c>#N [stage 2/5] RUN make</c>, <c>#N 0.215 output line</c>, <c>#N CACHED</c>,
/// <c>#N DONE 0.3s</c>, plus <c>#N cache miss: why</c> for every step that runs. The header is printed again
/// when output of another step came in between, as BuildKit does.
/// </summary>
public sealed class PlainProgress(TextWriter output) : IBuildProgress
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StringBuilder> _partial = new(StringComparer.Ordinal);
    private string? _current;

    public void Started(ProgressStep step, string? missReason)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_lock)
        {
            step.MarkStarted();
            Header(step);
            if (missReason is not null) Line(step, "cache miss: " + missReason);
        }
    }

    public void Cached(ProgressStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_lock)
        {
            step.MarkCached();
            Header(step);
            Line(step, "CACHED");
        }
    }

    public void Log(ProgressStep step, ReadOnlySpan<byte> data, bool stderr)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_lock)
        {
            if (!_partial.TryGetValue(step.Id, out StringBuilder? sb)) _partial[step.Id] = sb = new StringBuilder();
            sb.Append(Encoding.UTF8.GetString(data));
            string text = sb.ToString();
            int nl = text.LastIndexOf('\n');
            if (nl < 0) return;
            sb.Clear().Append(text, nl + 1, text.Length - nl - 1);
            Header(step);
            foreach (string line in text[..nl].Split('\n')) Line(step, Stamp(step) + " " + line.TrimEnd('\r'));
        }
    }

    public void Status(ProgressStep step, string message)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_lock)
        {
            step.MarkStarted();
            Header(step);
            Line(step, message);
        }
    }

    public void Completed(ProgressStep step, Exception? error)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_lock)
        {
            if (_partial.Remove(step.Id, out StringBuilder? rest) && rest.Length > 0)
            {
                Header(step);
                Line(step, Stamp(step) + " " + rest);
            }
            step.MarkStarted();
            step.MarkCompleted(error);
            Header(step);
            Line(step, error is null
                ? $"DONE {step.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s"
                : "ERROR: " + error.Message);
        }
    }

    public void Warning(string message)
    {
        lock (_lock)
        {
            if (_current is not null) output.WriteLine();
            _current = null;
            output.WriteLine("WARNING: " + message);
        }
    }

    public void Finish()
    {
        lock (_lock) output.Flush();
    }

    private static string Stamp(ProgressStep step) => step.Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    private void Header(ProgressStep step)
    {
        if (_current == step.Id) return;
        if (_current is not null) output.WriteLine();
        _current = step.Id;
        output.WriteLine($"#{Number(step)} {step.Name}");
    }

    private void Line(ProgressStep step, string text) => output.WriteLine($"#{Number(step)} {text}");

    private int Number(ProgressStep step)
    {
        if (!_numbers.TryGetValue(step.Id, out int n)) _numbers[step.Id] = n = _numbers.Count + 1;
        return n;
    }
}

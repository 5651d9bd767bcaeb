using System.Globalization;
using System.Text;

namespace Drydock.Solver.Progress;

/// <summary>
/// --progress tty: a live, compact view redrawn in place ten times a second, in the manner of BuildKit's:
/// <c>[+] Building 3.2s (4/7)</c>, one <c> => [stage 2/5] RUN make  1.2s</c> line per step, and the last few
/// output lines of each running step. Failed steps keep their last output lines on screen.
/// </summary>
public sealed class TtyProgress : IBuildProgress, IDisposable
{
    private const int LogLinesPerStep = 6;
    private readonly TextWriter _output;
    private readonly Lock _lock = new();
    private readonly List<ProgressStep> _steps = [];
    private readonly Dictionary<string, List<string>> _logs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _reasons = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];
    private readonly long _start = System.Diagnostics.Stopwatch.GetTimestamp();
    private readonly Timer _timer;
    private int _drawnLines;
    private bool _finished;

    public TtyProgress(TextWriter output)
    {
        _output = output;
        _timer = new Timer(_ => Draw(final: false), null, 100, 100);
    }

    public void Started(ProgressStep step, string? missReason)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_lock)
        {
            step.MarkStarted();
            Track(step);
            if (missReason is not null) _reasons[step.Id] = missReason;
        }
    }

    public void Cached(ProgressStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_lock)
        {
            step.MarkCached();
            Track(step);
        }
    }

    public void Log(ProgressStep step, ReadOnlySpan<byte> data, bool stderr)
    {
        ArgumentNullException.ThrowIfNull(step);
        string text = Encoding.UTF8.GetString(data);
        lock (_lock)
        {
            if (!_logs.TryGetValue(step.Id, out List<string>? lines)) _logs[step.Id] = lines = [""];
            string[] parts = text.Split('\n');
            lines[^1] += parts[0];
            lines.AddRange(parts.Skip(1));
            if (lines.Count > LogLinesPerStep + 1) lines.RemoveRange(0, lines.Count - LogLinesPerStep - 1);
        }
    }

    public void Status(ProgressStep step, string message)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_lock)
        {
            step.MarkStarted();
            Track(step);
            _reasons[step.Id] = message;
        }
    }

    public void Completed(ProgressStep step, Exception? error)
    {
        ArgumentNullException.ThrowIfNull(step);
        lock (_lock)
        {
            step.MarkStarted();
            step.MarkCompleted(error);
            Track(step);
        }
    }

    public void Warning(string message)
    {
        lock (_lock) _warnings.Add(message);
    }

    public void Finish()
    {
        _timer.Dispose();
        Draw(final: true);
    }

    public void Dispose() => _timer.Dispose();

    private void Track(ProgressStep step)
    {
        if (!_steps.Contains(step)) _steps.Add(step);
    }

    private void Draw(bool final)
    {
        lock (_lock)
        {
            if (_finished) return;
            _finished = final;
            var sb = new StringBuilder();
            if (_drawnLines > 0) sb.Append(CultureInfo.InvariantCulture, $"\x1b[{_drawnLines}A\x1b[J");
            double total = System.Diagnostics.Stopwatch.GetElapsedTime(_start).TotalSeconds;
            int done = _steps.Count(s => s.CompletedAt is not null);
            string state = final ? (_steps.Any(s => s.Error is not null) ? " ERROR" : " FINISHED") : "";
            var lines = new List<string> { string.Create(CultureInfo.InvariantCulture, $"[+] Building {total:0.0}s ({done}/{_steps.Count}){state}") };
            foreach (ProgressStep s in _steps)
            {
                string prefix = s.Error is not null ? " => ERROR " : s.IsCached ? " => CACHED " : " => ";
                string time = s.IsCached ? "" : string.Create(CultureInfo.InvariantCulture, $"  {s.Elapsed.TotalSeconds:0.0}s");
                lines.Add(Fit(prefix + s.Name) + time);
                bool showLogs = s.CompletedAt is null || s.Error is not null;
                if (!showLogs) continue;
                if (_reasons.TryGetValue(s.Id, out string? why)) lines.Add(Fit(" => => " + why));
                if (_logs.TryGetValue(s.Id, out List<string>? log))
                    lines.AddRange(log.Where(l => l.Length > 0).TakeLast(LogLinesPerStep).Select(l => Fit(" => => # " + l)));
            }
            foreach (string w in _warnings) lines.Add("WARNING: " + w);
            foreach (string l in lines) sb.Append(l).Append('\n');
            _drawnLines = lines.Count;
            _output.Write(sb.ToString());
            _output.Flush();
        }
    }

    private static string Fit(string s)
    {
        int width = 120;
        try
        {
            if (!Console.IsErrorRedirected) width = Math.Max(40, Console.WindowWidth - 12);
        }
        catch (IOException)
        {
        }
        s = s.Replace('\r', ' ').Replace('\t', ' ');
        return s.Length <= width ? s : s[..(width - 1)] + "…";
    }
}

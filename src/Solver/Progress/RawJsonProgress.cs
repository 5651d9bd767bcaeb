using System.Text.Json;

namespace Drydock.Solver.Progress;

/// <summary>
/// --progress rawjson: one BuildKit SolveStatus object per line (<c>{"vertexes":[…],"statuses":[…],"logs":[…],"warnings":[…]}</c>),
/// with vertex digests, names, inputs, started/completed times, cached and error, and logs as base64 data.
/// </summary>
public sealed class RawJsonProgress(Stream output) : IBuildProgress
{
    private readonly Lock _lock = new();

    public void Started(ProgressStep step, string? missReason)
    {
        ArgumentNullException.ThrowIfNull(step);
        step.MarkStarted();
        Emit(w => Vertex(w, step, missReason));
    }

    public void Cached(ProgressStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        step.MarkCached();
        Emit(w => Vertex(w, step, null));
    }

    public void Log(ProgressStep step, ReadOnlySpan<byte> data, bool stderr)
    {
        ArgumentNullException.ThrowIfNull(step);
        byte[] copy = data.ToArray();
        Emit(w =>
        {
            w.WriteStartArray("logs");
            w.WriteStartObject();
            w.WriteString("vertex", step.Id);
            w.WriteNumber("stream", stderr ? 2 : 1);
            w.WriteBase64String("data", copy);
            w.WriteString("timestamp", DateTimeOffset.UtcNow);
            w.WriteEndObject();
            w.WriteEndArray();
        });
    }

    public void Status(ProgressStep step, string message)
    {
        ArgumentNullException.ThrowIfNull(step);
        Emit(w =>
        {
            w.WriteStartArray("statuses");
            w.WriteStartObject();
            w.WriteString("id", message);
            w.WriteString("vertex", step.Id);
            w.WriteString("name", message);
            w.WriteString("timestamp", DateTimeOffset.UtcNow);
            w.WriteEndObject();
            w.WriteEndArray();
        });
    }

    public void Completed(ProgressStep step, Exception? error)
    {
        ArgumentNullException.ThrowIfNull(step);
        step.MarkStarted();
        step.MarkCompleted(error);
        Emit(w => Vertex(w, step, null));
    }

    public void Warning(string message) => Emit(w =>
    {
        w.WriteStartArray("warnings");
        w.WriteStartObject();
        w.WriteString("short", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(message)));
        w.WriteNumber("level", 1);
        w.WriteEndObject();
        w.WriteEndArray();
    });

    public void Finish()
    {
        lock (_lock) output.Flush();
    }

    private static void Vertex(Utf8JsonWriter w, ProgressStep step, string? missReason)
    {
        w.WriteStartArray("vertexes");
        w.WriteStartObject();
        w.WriteString("digest", step.Id);
        w.WriteStartArray("inputs");
        foreach (string i in step.Inputs) w.WriteStringValue(i);
        w.WriteEndArray();
        w.WriteString("name", step.Name);
        if (step.StartedAt is { } s) w.WriteString("started", s);
        if (step.CompletedAt is { } c) w.WriteString("completed", c);
        if (step.IsCached) w.WriteBoolean("cached", true);
        if (step.Error is { } e) w.WriteString("error", e);
        if (missReason is not null) w.WriteString("cacheMiss", missReason);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private void Emit(Action<Utf8JsonWriter> body)
    {
        lock (_lock)
        {
            using (var w = new Utf8JsonWriter(output))
            {
                w.WriteStartObject();
                body(w);
                w.WriteEndObject();
            }
            output.WriteByte((byte)'\n');
            output.Flush();
        }
    }
}

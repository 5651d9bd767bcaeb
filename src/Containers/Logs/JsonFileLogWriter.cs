using System.Text;
using System.Text.Json;

namespace Drydock.Containers.Logs;

/// <summary>
/// Appends a container's output as json-file lines, one entry per line of output (a trailing partial line
/// is written when the stream ends, as docker does). Safe to call from the runtime's output callbacks.
/// </summary>
internal sealed class JsonFileLogWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly MemoryStream _pendingOut = new();
    private readonly MemoryStream _pendingErr = new();

    public JsonFileLogWriter(string path, TimeProvider time)
    {
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 1, useAsync: false);
        _time = time;
    }

    public void Write(ReadOnlyMemory<byte> data, bool isStderr)
    {
        lock (_lock)
        {
            MemoryStream pending = isStderr ? _pendingErr : _pendingOut;
            ReadOnlySpan<byte> span = data.Span;
            int newline;
            while ((newline = span.IndexOf((byte)'\n')) >= 0)
            {
                pending.Write(span[..(newline + 1)]);
                Emit(pending, isStderr);
                span = span[(newline + 1)..];
            }
            pending.Write(span);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            Emit(_pendingOut, isStderr: false);
            Emit(_pendingErr, isStderr: true);
            _file.Dispose();
        }
    }

    private void Emit(MemoryStream pending, bool isStderr)
    {
        if (pending.Length == 0) return;
        string text = Encoding.UTF8.GetString(pending.GetBuffer(), 0, (int)pending.Length);
        pending.SetLength(0);
        var entry = new LogEntry(text, isStderr ? "stderr" : "stdout", _time.GetUtcNow());
        byte[] line = JsonSerializer.SerializeToUtf8Bytes(entry, LogJsonContext.Default.LogEntry);
        _file.Write(line);
        _file.WriteByte((byte)'\n');
    }
}

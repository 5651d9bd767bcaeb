using System.Runtime.CompilerServices;
using System.Text.Json;
using Drydock.Core;

namespace Drydock.Containers.Logs;

/// <summary>Reads a json-file log: the last N entries, then (when following) new entries as they are appended.</summary>
internal static class JsonFileLogReader
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(100);

    /// <param name="tail">Entries to show from the end; null for all.</param>
    /// <param name="follow">Called whenever the file is drained; returns false when no more output can come.</param>
    public static async IAsyncEnumerable<LogEntry> ReadAsync(string path, int? tail, Func<CancellationToken, ValueTask<bool>>? follow,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // containers run in the foreground have no log; their output went to the caller's terminal
        if (!File.Exists(path)) yield break;
        await using FileStream file = new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: false);
        var pending = new MemoryStream();
        var lines = new List<LogEntry>();
        await ReadLinesAsync(file, pending, lines, path, cancellationToken).ConfigureAwait(false);
        int skip = tail is { } n ? Math.Max(0, lines.Count - n) : 0;
        for (int i = skip; i < lines.Count; i++) yield return lines[i];
        if (follow is null) yield break;

        while (true)
        {
            bool more = await follow(cancellationToken).ConfigureAwait(false);
            lines.Clear();
            await ReadLinesAsync(file, pending, lines, path, cancellationToken).ConfigureAwait(false);
            foreach (LogEntry e in lines) yield return e;
            if (!more) yield break;
            await Task.Delay(s_pollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    // reads to the current end; a last line without its newline (the writer is mid-append) waits in pending
    private static async ValueTask ReadLinesAsync(FileStream file, MemoryStream pending, List<LogEntry> into, string path, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            ReadOnlySpan<byte> span = buffer.AsSpan(0, read);
            int newline;
            while ((newline = span.IndexOf((byte)'\n')) >= 0)
            {
                pending.Write(span[..newline]);
                if (pending.Length > 0) into.Add(Parse(pending.GetBuffer().AsSpan(0, (int)pending.Length), path));
                pending.SetLength(0);
                span = span[(newline + 1)..];
            }
            pending.Write(span);
        }
    }

    private static LogEntry Parse(ReadOnlySpan<byte> line, string path)
    {
        try
        {
            return JsonSerializer.Deserialize(line, LogJsonContext.Default.LogEntry) ?? throw new JsonException("null entry");
        }
        catch (JsonException e)
        {
            throw new DrydockException(ErrorKind.DataCorrupted, $"failed to read container log '{path}'", e);
        }
    }
}

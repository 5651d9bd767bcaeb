using Drydock.Containers.Logs;
using Drydock.TestKit;

namespace Drydock.Containers.Tests;

public class JsonFileLogTests
{
    [Fact]
    public async Task Writer_splits_output_into_docker_json_lines_and_reader_tails_them()
    {
        using var dir = new TempDir();
        string path = dir.Combine("c-json.log");
        using (var w = new JsonFileLogWriter(path, TimeProvider.System))
        {
            w.Write("one\ntw"u8.ToArray(), isStderr: false);
            w.Write("o\n"u8.ToArray(), isStderr: false);
            w.Write("oops\n"u8.ToArray(), isStderr: true);
            w.Write("partial"u8.ToArray(), isStderr: false);
        }
        string[] raw = File.ReadAllLines(path);
        Assert.Equal(4, raw.Length);
        Assert.StartsWith("{\"log\":\"one\\n\",\"stream\":\"stdout\",\"time\":\"", raw[0], StringComparison.Ordinal);

        var all = new List<LogEntry>();
        await foreach (LogEntry e in JsonFileLogReader.ReadAsync(path, null, null, CancellationToken.None)) all.Add(e);
        Assert.Equal(["one\n", "two\n", "oops\n", "partial"], all.Select(e => e.Log));
        Assert.True(all[2].IsStderr);

        var tail = new List<string>();
        await foreach (LogEntry e in JsonFileLogReader.ReadAsync(path, 2, null, CancellationToken.None)) tail.Add(e.Log);
        Assert.Equal(["oops\n", "partial"], tail);
    }

    [Fact]
    public async Task Following_picks_up_appended_lines_until_told_to_stop()
    {
        using var dir = new TempDir();
        string path = dir.Combine("c-json.log");
        using var w = new JsonFileLogWriter(path, TimeProvider.System);
        w.Write("first\n"u8.ToArray(), false);
        int calls = 0;
        var seen = new List<string>();
        await foreach (LogEntry e in JsonFileLogReader.ReadAsync(path, null, _ =>
        {
            if (++calls == 1) w.Write("second\n"u8.ToArray(), false);
            return ValueTask.FromResult(calls < 2);
        }, CancellationToken.None))
            seen.Add(e.Log);
        Assert.Equal(["first\n", "second\n"], seen);
    }
}

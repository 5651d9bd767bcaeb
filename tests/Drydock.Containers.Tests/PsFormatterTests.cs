using Drydock.Containers.Ps;
using Drydock.Containers.Store;
using Drydock.Core;

namespace Drydock.Containers.Tests;

public class PsFormatterTests
{
    private static readonly DateTimeOffset s_now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly ContainerRecord s_running = new()
    {
        Id = new string('a', 64), Name = "web", Image = "busybox", ImageId = "sha256:x", Command = ["sh", "-c", "while true; do sleep 1; done"],
        Created = s_now.AddMinutes(-5), StartedAt = s_now.AddMinutes(-5), Status = ContainerStatus.Running, SnapshotKey = "k",
    };

    private static readonly ContainerRecord s_exited = s_running with
    {
        Id = new string('b', 64), Name = "job", Command = ["true"], Created = s_now.AddHours(-2), Status = ContainerStatus.Exited,
        ExitCode = 3, FinishedAt = s_now.AddSeconds(-30),
    };

    [Fact]
    public void Default_table_has_dockers_columns_and_truncation()
    {
        string[] lines = PsFormatter.Format([s_exited, s_running], false, false, null, s_now).Split('\n');
        Assert.Matches(@"^CONTAINER ID\s{3,}IMAGE\s{3,}COMMAND\s{3,}CREATED\s{3,}STATUS\s{3,}PORTS\s{3,}NAMES$", lines[0]);
        Assert.StartsWith("aaaaaaaaaaaa   busybox   \"sh -c while true; d…\"   ", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"sh -c while true; d…\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("5 minutes ago", lines[1], StringComparison.Ordinal);
        Assert.Contains("Up 5 minutes", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("web", lines[1], StringComparison.Ordinal);
        Assert.Contains("Exited (3) 30 seconds ago", lines[2], StringComparison.Ordinal);
        Assert.Equal(lines[0].IndexOf("NAMES", StringComparison.Ordinal), lines[1].IndexOf("web", StringComparison.Ordinal));
    }

    [Fact]
    public void Quiet_prints_short_ids_and_no_trunc_full_ones()
    {
        Assert.Equal(new string('a', 12) + "\n", PsFormatter.Format([s_running], true, false, null, s_now));
        Assert.Equal(new string('a', 64) + "\n", PsFormatter.Format([s_running], true, true, null, s_now));
        Assert.Contains("\"sh -c while true; do sleep 1; done\"", PsFormatter.Format([s_running], false, true, null, s_now), StringComparison.Ordinal);
    }

    [Fact]
    public void Templates_fill_fields_and_expand_tabs()
    {
        Assert.Equal("web\trunning\n", PsFormatter.Format([s_running], false, false, @"{{.Names}}\t{{ .State }}", s_now));
        string table = PsFormatter.Format([s_running], false, false, "table {{.Names}}\t{{.Status}}", s_now);
        Assert.Equal("NAMES     STATUS\nweb       Up 5 minutes\n", table);
        string json = PsFormatter.Format([s_running], false, false, "json", s_now);
        Assert.Contains("\"Names\":\"web\"", json, StringComparison.Ordinal);
        // quotes as docker prints them (not \u0022), times in Go's form as docker ps shows CreatedAt
        Assert.Contains("\"Command\":\"\\\"sh -c while", json, StringComparison.Ordinal);
        Assert.Contains(" +0000 UTC\"", json, StringComparison.Ordinal);
        Assert.Throws<DrydockException>(() => PsFormatter.Format([s_running], false, false, "{{.Nope}}", s_now));
    }
}

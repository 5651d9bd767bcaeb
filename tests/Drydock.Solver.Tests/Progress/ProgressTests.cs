using System.Text;
using System.Text.Json;
using Drydock.Core;
using Drydock.Solver.Graph;
using Drydock.Solver.Progress;
using Drydock.Solver.Scheduling;

namespace Drydock.Solver.Tests.Progress;

public sealed class ProgressTests
{
    [Fact]
    public void Rawjson_writes_one_solve_status_per_line()
    {
        using var output = new MemoryStream();
        var progress = new RawJsonProgress(output);
        var step = new ProgressStep("sha256:abc", "[1/2] RUN make") { Inputs = ["sha256:def"] };
        progress.Started(step, "no earlier build of this step");
        progress.Log(step, "hi\n"u8, stderr: false);
        progress.Completed(step, null);
        string[] lines = Encoding.UTF8.GetString(output.ToArray()).TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        JsonElement vertex = first.RootElement.GetProperty("vertexes")[0];
        Assert.Equal("sha256:abc", vertex.GetProperty("digest").GetString());
        Assert.Equal("[1/2] RUN make", vertex.GetProperty("name").GetString());
        Assert.Equal("sha256:def", vertex.GetProperty("inputs")[0].GetString());
        using var log = JsonDocument.Parse(lines[1]);
        Assert.Equal("hi\n", Encoding.UTF8.GetString(log.RootElement.GetProperty("logs")[0].GetProperty("data").GetBytesFromBase64()));
        using var done = JsonDocument.Parse(lines[2]);
        Assert.True(done.RootElement.GetProperty("vertexes")[0].TryGetProperty("completed", out _));
    }

    [Fact]
    public void Tty_draws_a_compact_view_with_the_running_steps_output()
    {
        var output = new StringWriter();
        var progress = new TtyProgress(output);
        var cached = new ProgressStep("a", "[1/3] FROM busybox");
        var running = new ProgressStep("b", "[2/3] RUN make");
        progress.Cached(cached);
        progress.Started(running, "parent step rebuilt");
        progress.Log(running, "compiling\n"u8, false);
        progress.Completed(running, new DrydockException(ErrorKind.FailedPrecondition, "exit code: 2"));
        progress.Finish();
        string text = output.ToString();
        Assert.Contains("[+] Building", text);
        Assert.Contains("(2/2) ERROR", text);
        Assert.Contains(" => CACHED [1/3] FROM busybox", text);
        Assert.Contains(" => ERROR [2/3] RUN make", text);
        Assert.Contains(" => => # compiling", text);
    }

    [Fact]
    public void Failure_report_shows_output_tail_and_the_marked_line()
    {
        var info = new VertexInfo("RUN make", "2/2", "x") { File = "Dockerfile", Line = 2 };
        var failure = StepFailedException.Located(new Vertex(new Ops.MkdirOp("/", ""), [], info),
            new StepFailedException("process \"/bin/sh -c make\" did not complete successfully: exit code: 2", 2, ["make: *** no rule"]));
        var output = new StringWriter();
        FailureReport.Write(output, failure, "FROM busybox\nRUN make\n");
        string text = output.ToString();
        Assert.Contains(" > [2/2] RUN make:", text);
        Assert.Contains("make: *** no rule", text);
        Assert.Contains("   2 | >>> RUN make", text);
        Assert.Equal("Dockerfile:2: RUN make", failure.Message);
        Assert.Equal(2, failure.ProcessExitCode);
    }
}

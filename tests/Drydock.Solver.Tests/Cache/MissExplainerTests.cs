using Drydock.Core;
using Drydock.Solver.Cache;
using Drydock.Solver.Graph;
using Drydock.Solver.Ops;
using Drydock.TestKit;

namespace Drydock.Solver.Tests.Cache;

public sealed class MissExplainerTests : IDisposable
{
    private readonly TempDir _dir = new("solver-miss");

    public void Dispose() => _dir.Dispose();

    private static (Vertex, StepFacts) Step(string env, IReadOnlyDictionary<string, string>? files = null)
    {
        var op = new ExecOp(["true"], [env, "PATH=/bin"], "/", "", "default", []);
        var v = new Vertex(op, [], new VertexInfo("RUN true", "", "df#0") { BuildArgs = ["VERSION"] });
        IReadOnlyList<ContentChecksum> content = files is null ? [] : [new ContentChecksum("COPY source", Digest.Sha256(System.Text.Encoding.UTF8.GetBytes(string.Join(",", files.Values)))) { Files = files }];
        var facts = new StepFacts(new CacheKey(Digest.Sha256(System.Text.Encoding.UTF8.GetBytes(env + content.FirstOrDefault()?.Checksum))),
            System.Text.Encoding.UTF8.GetString(OpJson.Serialize(op)), [], content);
        return (v, facts);
    }

    [Fact]
    public async Task Names_the_build_arg_that_changed()
    {
        var explainer = new MissExplainer(_dir.Path);
        var (v1, f1) = Step("VERSION=1");
        Assert.Equal("no earlier build of this step", await explainer.ExplainAsync(v1, f1, false, default));
        await explainer.RecordAsync(v1, f1, default);
        var (v2, f2) = Step("VERSION=2");
        Assert.Equal("build arg VERSION changed", await explainer.ExplainAsync(v2, f2, false, default));
    }

    [Fact]
    public async Task Names_the_copy_source_that_changed()
    {
        var explainer = new MissExplainer(_dir.Path);
        var (v1, f1) = Step("VERSION=1", new Dictionary<string, string> { ["src/a"] = "1", ["src/b"] = "1" });
        await explainer.RecordAsync(v1, f1, default);
        var (v2, f2) = Step("VERSION=1", new Dictionary<string, string> { ["src/a"] = "2", ["src/b"] = "1" });
        Assert.Equal("COPY source src/a changed", await explainer.ExplainAsync(v2, f2, false, default));
    }
}

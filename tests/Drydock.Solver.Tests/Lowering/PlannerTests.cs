using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Images;
using Drydock.Core.Oci;
using Drydock.Solver.Build;
using Drydock.Solver.Graph;
using Drydock.Solver.Lowering;
using Drydock.Solver.Ops;
using Drydock.TestKit;

namespace Drydock.Solver.Tests.Lowering;

public sealed class PlannerTests : IDisposable
{
    private readonly TempDir _dir = new("solver-plan");
    private readonly ImageService _images;

    public PlannerTests()
    {
        _images = ImageService.Open(new DrydockRoot(_dir.Path));
        Descriptor layer = _images.Content.WriteBlobAsync("layer"u8.ToArray(), MediaTypes.OciLayerGzip).AsTask().Result;
        var config = new ImageConfig
        {
            Config = new ContainerConfig { Env = ["PATH=/bin", "BASE=1"], Cmd = ["sh"], OnBuild = ["RUN echo triggered"] },
            RootFS = new RootFS { DiffIds = [Digest.Sha256("layer"u8)] },
        };
        _images.CreateImageAsync("busybox:latest", new ImageManifest { Config = layer, Layers = [layer] }, config).Wait();
    }

    public void Dispose() => _dir.Dispose();

    private Task<BuildPlan> PlanAsync(string dockerfile, Dictionary<string, string>? args = null, string? target = null)
        => new DockerfilePlanner(_images).PlanAsync(new BuildRequest
        {
            DockerfileText = dockerfile,
            DockerfileName = "Dockerfile",
            Identity = "/ctx/Dockerfile",
            BuildArgs = args ?? [],
            Target = target,
        }, CancellationToken.None);

    private static IEnumerable<Vertex> All(Vertex v) => v.Inputs.SelectMany(All).Append(v).Distinct();

    [Fact]
    public async Task Lowers_run_copy_workdir_and_metadata_with_buildkit_history()
    {
        BuildPlan plan = await PlanAsync("""
            FROM busybox
            ARG V=1
            ENV APP=/app
            WORKDIR $APP
            COPY --chown=app a.txt b/ ./
            RUN echo $V
            CMD ["run"]
            """);
        PlannedStage stage = plan.Target;
        Assert.Equal(["RUN /bin/sh -c echo triggered # buildkit", "ARG V=1", "ENV APP=/app", "WORKDIR /app", "COPY --chown=app a.txt b/ ./ # buildkit",
            "RUN |1 V=1 /bin/sh -c echo $V # buildkit", "CMD [\"run\"]"], stage.Steps.Select(s => s.CreatedBy));
        Assert.Equal("/app", stage.Config.WorkingDir);
        Assert.Contains("APP=/app", stage.Config.Env!);
        Assert.Null(stage.Config.OnBuild);
        var run = (ExecOp)plan.Target.Head!.Op;
        Assert.Equal(["/bin/sh", "-c", "echo $V"], run.Args);
        Assert.Contains("V=1", run.Env);
        Assert.Equal("/app", run.Cwd);
        var copy = (CopyOp)plan.Target.Head.Inputs[0].Op;
        Assert.Equal("/app/", copy.Dest);
        Assert.Equal(["a.txt", "b/"], copy.Sources);
        Assert.Equal("app", copy.Chown);
        Assert.Equal("[7/8] RUN echo $V", plan.Target.Head.Info.Display);
    }

    [Fact]
    public async Task Build_args_change_only_the_steps_that_see_them()
    {
        const string df = "FROM busybox\nRUN echo first\nARG V=1\nRUN echo $V\n";
        BuildPlan a = await PlanAsync(df);
        BuildPlan b = await PlanAsync(df, new() { ["V"] = "2" });
        Assert.Equal(a.Target.Head!.Inputs[0].Digest, b.Target.Head!.Inputs[0].Digest);
        Assert.NotEqual(a.Target.Head.Digest, b.Target.Head.Digest);
        Assert.Equal(["V"], b.Target.Head.Info.BuildArgs);
    }

    [Fact]
    public async Task Only_reachable_stages_are_lowered()
    {
        BuildPlan plan = await PlanAsync("""
            FROM busybox AS a
            RUN echo a
            FROM nosuchimage AS unused
            FROM busybox AS b
            RUN echo b
            FROM b
            COPY --from=a /x /y
            """);
        Assert.Equal([0, 2, 3], plan.Stages.Select(s => s.Index));
        Assert.Equal("[stage-3 2/2] COPY --from=a /x /y", plan.Target.Head!.Info.Display);
        Assert.Equal(2, plan.Target.Head.Inputs.Length);
        BuildPlan targeted = await PlanAsync("FROM busybox AS a\nRUN echo a\nFROM nosuchimage\n", target: "a");
        Assert.Single(targeted.Stages);
    }

    [Fact]
    public async Task Errors_name_the_line()
    {
        var missing = await Assert.ThrowsAsync<DrydockException>(() => PlanAsync("FROM busybox\nCOPY --from=nosuch /a /b\n"));
        Assert.StartsWith("Dockerfile:2:", missing.Message);
        var multi = await Assert.ThrowsAsync<DrydockException>(() => PlanAsync("FROM busybox\nCOPY a b c\n"));
        Assert.Contains("must be a directory and end with a /", multi.Message);
        var target = await Assert.ThrowsAsync<DrydockException>(() => PlanAsync("FROM busybox\n", target: "nope"));
        Assert.Contains("target stage \"nope\" could not be found", target.Message);
    }

    [Fact]
    public async Task Copy_link_is_keyed_without_the_stage_below()
    {
        BuildPlan a = await PlanAsync("FROM busybox\nRUN echo one\nCOPY --link f /f\n");
        BuildPlan b = await PlanAsync("FROM busybox\nRUN echo two\nCOPY --link f /f\n");
        Vertex layerA = a.Target.Steps[^1].Layer!, layerB = b.Target.Steps[^1].Layer!;
        Assert.Equal(layerA.Digest, layerB.Digest);
        Assert.Null(a.Target.Steps[^1].LayerParent);
        Assert.IsType<MergeOp>(a.Target.Head!.Op);
    }
}

using System.Text;
using Drydock.Core;
using Drydock.Solver.Cache;
using Drydock.Solver.Graph;
using Drydock.Solver.Ops;

namespace Drydock.Solver.Tests.Cache;

public sealed class CacheKeysTests
{
    private static readonly Digest Op = Digest.Sha256("op"u8);
    private static readonly Digest Input = Digest.Sha256("input"u8);

    [Fact]
    public void Key_is_stable_and_covers_every_part()
    {
        CacheKey k = CacheKeys.Compute(Op, "linux/amd64", [Input], []);
        Assert.Equal(k, CacheKeys.Compute(Op, "linux/amd64", [Input], []));
        Assert.NotEqual(k, CacheKeys.Compute(Op, "linux/arm64", [Input], []));
        Assert.NotEqual(k, CacheKeys.Compute(Digest.Sha256("op2"u8), "linux/amd64", [Input], []));
        Assert.NotEqual(k, CacheKeys.Compute(Op, "linux/amd64", [], []));
        Assert.NotEqual(k, CacheKeys.Compute(Op, "linux/amd64", [Input], [new ContentChecksum("COPY source", Digest.Sha256("x"u8))]));
    }

    [Fact]
    public void Selector_changes_the_input_part()
    {
        var key = new CacheKey(Input);
        Assert.Equal(Input, CacheKeys.InputPart(key, null));
        Assert.NotEqual(CacheKeys.InputPart(key, Digest.Sha256("/a"u8)), CacheKeys.InputPart(key, Digest.Sha256("/b"u8)));
    }

    [Fact]
    public void Op_json_is_canonical_and_leaves_out_display_fields()
    {
        var op = new ExecOp(["/bin/sh", "-c", "make"], ["PATH=/bin"], "/src", "0", "default", []) { Root = 0 };
        string json = Encoding.UTF8.GetString(OpJson.Serialize(op));
        Assert.Equal("""{"op":"exec","Args":["/bin/sh","-c","make"],"Env":["PATH=/bin"],"Cwd":"/src","User":"0","Network":"default","Mounts":[],"Root":0}""", json);
        var a = new Vertex(op, [], new VertexInfo("RUN make", "1/2", "x#1"));
        var b = new Vertex(op, [], new VertexInfo("RUN  make", "build 1/2", "y#1"));
        Assert.Equal(a.Digest, b.Digest);
    }

    [Fact]
    public void Vertex_digest_depends_on_inputs()
    {
        var root1 = new Vertex(new MkdirOp("/a", ""), [], new VertexInfo("WORKDIR /a", "", "1"));
        var root2 = new Vertex(new MkdirOp("/b", ""), [], new VertexInfo("WORKDIR /b", "", "1"));
        var op = new MkdirOp("/c", "") { Root = 0 };
        Assert.NotEqual(new Vertex(op, [root1], new VertexInfo("x", "", "2")).Digest, new Vertex(op, [root2], new VertexInfo("x", "", "2")).Digest);
    }
}

using Drydock.Solver.Graph;
using Drydock.Solver.Ops;

namespace Drydock.Solver.Tests.Graph;

public sealed class GraphPrinterTests
{
    [Fact]
    public void Prints_inputs_before_users_in_text_and_dot()
    {
        var a = new Vertex(new MkdirOp("/a", ""), [], new VertexInfo("WORKDIR /a", "a 2/2", "1"));
        var b = new Vertex(new MkdirOp("/b", ""), [], new VertexInfo("WORKDIR /b", "b 2/2", "2"));
        var c = new Vertex(new MergeOp(1) { Root = 0 }, [a, b], new VertexInfo("COPY --link", "3/3", "3"));
        string text = GraphPrinter.Text([c]);
        Assert.StartsWith("#1 [a 2/2] WORKDIR /a", text);
        Assert.Contains("#3 [3/3] COPY --link", text);
        Assert.Contains("<- #1, #2", text);
        string dot = GraphPrinter.Dot([c]);
        Assert.Contains("v1 -> v3;", dot);
        Assert.Contains("v2 -> v3;", dot);
        Assert.StartsWith("digraph build {", dot);
    }
}

using System.Text;

namespace Drydock.Solver.Graph;

/// <summary>
/// `build --print-graph`: the vertices the targets need, inputs first, as an indented text list or as
/// Graphviz DOT, so a user can see which stages a build runs and why.
/// </summary>
public static class GraphPrinter
{
    public static string Text(IReadOnlyList<Vertex> targets)
    {
        var sb = new StringBuilder();
        var numbers = Number(targets);
        foreach (var (v, n) in numbers)
        {
            sb.Append('#').Append(n).Append(' ').Append(v.Info.Display).Append("  ").Append(v.Digest.Short);
            if (v.Inputs.Length > 0) sb.Append("  <- ").Append(string.Join(", ", v.Inputs.Select(i => "#" + numbers[i])));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public static string Dot(IReadOnlyList<Vertex> targets)
    {
        var sb = new StringBuilder("digraph build {\n  rankdir=TB;\n  node [shape=box, fontname=monospace];\n");
        var numbers = Number(targets);
        foreach (var (v, n) in numbers)
            sb.Append("  v").Append(n).Append(" [label=\"").Append(Escape(v.Info.Display)).Append("\"];\n");
        foreach (var (v, n) in numbers)
            foreach (Vertex i in v.Inputs) sb.Append("  v").Append(numbers[i]).Append(" -> v").Append(n).Append(";\n");
        return sb.Append("}\n").ToString();
    }

    /// <summary>Vertices in dependency order (inputs before users), numbered from 1.</summary>
    private static Dictionary<Vertex, int> Number(IReadOnlyList<Vertex> targets)
    {
        var order = new Dictionary<Vertex, int>(VertexComparer.Instance);
        foreach (Vertex v in Reachable(targets)) order[v] = order.Count + 1;
        return order;
    }

    /// <summary>Every vertex the targets need, once each, inputs before the vertices that read them.</summary>
    public static IReadOnlyList<Vertex> Reachable(IReadOnlyList<Vertex> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var seen = new HashSet<Vertex>(VertexComparer.Instance);
        var order = new List<Vertex>();
        void Visit(Vertex v)
        {
            if (!seen.Add(v)) return;
            foreach (Vertex i in v.Inputs) Visit(i);
            order.Add(v);
        }
        foreach (Vertex t in targets) Visit(t);
        return order;
    }

    private static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}

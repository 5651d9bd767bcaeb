using System.Text;

namespace Drydock.Parser.Ast;

/// <summary>BuildKit's AST dump: one <c>(keyword ["flags"] "args"...)</c> line per instruction.</summary>
internal static class AstDump
{
    public static string Dump(IEnumerable<AstNode> nodes)
    {
        var sb = new StringBuilder();
        foreach (AstNode node in nodes) sb.Append('(').Append(Dump(node)).Append(")\n");
        return sb.ToString();
    }

    public static string Dump(AstNode node)
    {
        var sb = new StringBuilder();
        sb.Append(node.LowerKeyword);
        if (node.Flags.Count > 0)
        {
            sb.Append(" [");
            for (int i = 0; i < node.Flags.Count; i++)
            {
                if (i > 0) sb.Append(' ');
                GoQuote.Append(sb, node.Flags[i]);
            }
            sb.Append(']');
        }
        if (node.Child is not null) sb.Append(" (").Append(Dump(node.Child)).Append(')');
        foreach (string arg in node.Args)
        {
            sb.Append(' ');
            GoQuote.Append(sb, arg);
        }
        return Utf8Text.TrimSpace(sb.ToString());
    }
}

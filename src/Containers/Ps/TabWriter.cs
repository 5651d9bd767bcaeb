using System.Text;

namespace Drydock.Containers.Ps;

/// <summary>Aligns tab-separated cells into columns as Go's tabwriter does for docker (minimum width 10, padding 3).</summary>
internal static class TabWriter
{
    public static string Align(IReadOnlyList<string> lines, int minWidth = 10, int padding = 3)
    {
        var rows = lines.Select(l => l.Split('\t')).ToList();
        int columns = rows.Count == 0 ? 0 : rows.Max(r => r.Length);
        var widths = new int[columns];
        foreach (string[] row in rows)
            for (int i = 0; i < row.Length - 1; i++) widths[i] = Math.Max(widths[i], Math.Max(minWidth, row[i].Length + padding));
        var sb = new StringBuilder();
        foreach (string[] row in rows)
        {
            for (int i = 0; i < row.Length; i++)
                sb.Append(i < row.Length - 1 ? row[i].PadRight(widths[i]) : row[i]);
            sb.Append('\n');
        }
        return sb.ToString();
    }
}

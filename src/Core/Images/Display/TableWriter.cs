using System.Text;

namespace Drydock.Core.Images.Display;

/// <summary>
/// Aligned columns like Go's text/tabwriter as the docker CLI configures it (minimum width 10, padding 3);
/// the last column is not padded.
/// </summary>
public sealed class TableWriter
{
    private const int MinWidth = 10;
    private const int Padding = 3;
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public override string ToString()
    {
        int columns = _rows.Count == 0 ? 0 : _rows.Max(r => r.Length);
        var widths = new int[columns];
        foreach (string[] row in _rows)
            for (int i = 0; i < row.Length - 1; i++) widths[i] = Math.Max(widths[i], Math.Max(MinWidth, row[i].Length + Padding));
        var sb = new StringBuilder();
        foreach (string[] row in _rows)
        {
            for (int i = 0; i < row.Length; i++) sb.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i]));
            sb.Append('\n');
        }
        return sb.ToString();
    }
}

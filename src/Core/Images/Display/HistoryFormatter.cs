using System.Text;

namespace Drydock.Core.Images.Display;

/// <summary><c>drydock history</c> output as docker prints it: IMAGE CREATED CREATED BY SIZE COMMENT, newest first.</summary>
public static class HistoryFormatter
{
    public static readonly IReadOnlyList<string> Fields = ["ID", "CreatedSince", "CreatedAt", "CreatedBy", "Size", "Comment"];

    private static readonly Dictionary<string, string> s_titles = new(StringComparer.Ordinal)
    {
        ["ID"] = "IMAGE", ["CreatedSince"] = "CREATED", ["CreatedAt"] = "CREATED AT", ["CreatedBy"] = "CREATED BY", ["Size"] = "SIZE", ["Comment"] = "COMMENT",
    };

    public static string Format(IReadOnlyList<HistoryRow> rows, bool quiet, bool noTrunc, string? format, DateTimeOffset now, bool human = true)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var values = rows.Select(r => Values(r, noTrunc, now, human)).ToList();
        if (quiet) return string.Concat(values.Select(v => v["ID"] + "\n"));
        if (format is { } f && f != "table")
        {
            if (f == "json") return string.Concat(values.Select(v => GoTemplate.ToJson(v) + "\n"));
            GoTemplate template = GoTemplate.Parse(f, Fields.ToList());
            if (template.IsTable)
            {
                var table = new TableWriter();
                table.Add(template.Header(x => s_titles.GetValueOrDefault(x, x.ToUpperInvariant())).Split('\t'));
                foreach (var v in values) table.Add(template.Render(v).Split('\t'));
                return table.ToString();
            }
            var text = new StringBuilder();
            foreach (var v in values) text.Append(template.Render(v)).Append('\n');
            return text.ToString();
        }
        var t = new TableWriter();
        t.Add("IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT");
        foreach (var v in values) t.Add(v["ID"], v["CreatedSince"], v["CreatedBy"], v["Size"], v["Comment"]);
        return t.ToString();
    }

    private static Dictionary<string, string> Values(HistoryRow row, bool noTrunc, DateTimeOffset now, bool human)
    {
        string createdBy = row.CreatedBy.Replace("\t", " ", StringComparison.Ordinal);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ID"] = row.Id is { } id ? (noTrunc ? id.ToString() : id.Short) : "<missing>",
            // --human=false prints RFC 3339 times and byte counts, as docker does
            ["CreatedSince"] = human ? Units.Since(row.Created, now) : row.Created?.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["CreatedAt"] = Units.GoTime(row.Created),
            ["CreatedBy"] = noTrunc ? createdBy : Units.Ellipsis(createdBy, 45),
            ["Size"] = human ? Units.HumanSize(row.Size) : row.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Comment"] = row.Comment,
        };
    }
}

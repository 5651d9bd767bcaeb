using System.Text;

namespace Drydock.Core.Images.Display;

/// <summary>
/// <c>drydock images</c> output as docker prints it: a REPOSITORY TAG [DIGEST] IMAGE ID CREATED SIZE table,
/// IDs only (-q), one JSON object per line (--format json) or a Go-template (--format '{{.Repository}}').
/// </summary>
public static class ImageListFormatter
{
    public static readonly IReadOnlyList<string> Fields =
        ["Containers", "CreatedAt", "CreatedSince", "Digest", "ID", "Repository", "SharedSize", "Size", "Tag", "UniqueSize", "VirtualSize"];

    private static readonly Dictionary<string, string> s_titles = new(StringComparer.Ordinal)
    {
        ["Repository"] = "REPOSITORY", ["Tag"] = "TAG", ["ID"] = "IMAGE ID", ["Digest"] = "DIGEST", ["CreatedSince"] = "CREATED",
        ["CreatedAt"] = "CREATED AT", ["Size"] = "SIZE", ["Containers"] = "CONTAINERS", ["SharedSize"] = "SHARED SIZE",
        ["UniqueSize"] = "UNIQUE SIZE", ["VirtualSize"] = "SIZE",
    };

    public static string Format(IReadOnlyList<ImageSummary> rows, ImageListOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var values = rows.Select(r => Values(r, options.NoTrunc, now)).ToList();
        if (options.Quiet) return string.Concat(values.Select(v => v["ID"] + "\n"));
        if (options.Format is { } format && format != "table")
        {
            if (format == "json") return string.Concat(values.Select(v => GoTemplate.ToJson(v) + "\n"));
            GoTemplate template = GoTemplate.Parse(format, Fields.ToList());
            var text = new StringBuilder();
            if (template.IsTable)
            {
                var table = new TableWriter();
                table.Add(template.Header(f => s_titles.GetValueOrDefault(f, f.ToUpperInvariant())).Split('\t'));
                foreach (var v in values) table.Add(template.Render(v).Split('\t'));
                return table.ToString();
            }
            foreach (var v in values) text.Append(template.Render(v)).Append('\n');
            return text.ToString();
        }
        var t = new TableWriter();
        t.Add(options.Digests ? ["REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE"] : ["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"]);
        foreach (var v in values)
            t.Add(options.Digests ? [v["Repository"], v["Tag"], v["Digest"], v["ID"], v["CreatedSince"], v["Size"]] : [v["Repository"], v["Tag"], v["ID"], v["CreatedSince"], v["Size"]]);
        return t.ToString();
    }

    public static Dictionary<string, string> Values(ImageSummary row, bool noTrunc, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        string size = Units.HumanSize(row.Size);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Containers"] = "N/A",
            ["CreatedAt"] = Units.GoTime(row.Created),
            ["CreatedSince"] = Units.Since(row.Created, now),
            ["Digest"] = row.Target.Digest.ToString(),
            ["ID"] = noTrunc ? row.Id.ToString() : row.Id.Short,
            ["Repository"] = row.Reference?.FamiliarRepository ?? "<none>",
            ["SharedSize"] = "N/A",
            ["Size"] = size,
            ["Tag"] = row.Reference?.Tag ?? "<none>",
            ["UniqueSize"] = "N/A",
            ["VirtualSize"] = size,
        };
    }
}

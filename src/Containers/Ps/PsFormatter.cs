using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Drydock.Containers.Store;
using Drydock.Core;
using Drydock.Core.Images.Display;

namespace Drydock.Containers.Ps;

/// <summary>
/// `drydock ps` output with docker's columns (CONTAINER ID, IMAGE, COMMAND, CREATED, STATUS, PORTS, NAMES),
/// -q, --no-trunc, and --format: "table …" or a plain template of {{.Field}} placeholders, or "json".
/// </summary>
public static partial class PsFormatter
{
    public const string DefaultTable = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

    private static readonly Dictionary<string, string> s_headers = new()
    {
        ["ID"] = "CONTAINER ID", ["Image"] = "IMAGE", ["Command"] = "COMMAND", ["CreatedAt"] = "CREATED AT",
        ["RunningFor"] = "CREATED", ["Ports"] = "PORTS", ["State"] = "STATE", ["Status"] = "STATUS", ["Names"] = "NAMES",
    };

    public static string Format(IEnumerable<ContainerRecord> containers, bool quiet, bool noTrunc, string? format, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(containers);
        List<ContainerRecord> list = containers.OrderByDescending(c => c.Created).ToList();
        if (quiet) format = "{{.ID}}";
        format ??= DefaultTable;
        if (format == "json")
            return string.Concat(list.Select(c => GoTemplate.ToJson(Fields(c, noTrunc, now)) + "\n"));

        bool table = format.StartsWith("table", StringComparison.Ordinal);
        string template = (table ? format["table".Length..] : format).Trim(' ').Replace(@"\t", "\t", StringComparison.Ordinal).Replace(@"\n", "\n", StringComparison.Ordinal);
        var lines = new List<string>();
        if (table) lines.Add(Render(template, name => s_headers[name]));
        foreach (ContainerRecord c in list)
        {
            Dictionary<string, string> fields = Fields(c, noTrunc, now);
            lines.Add(Render(template, name => fields[name]));
        }
        if (table) return TabWriter.Align(lines);
        return string.Concat(lines.Select(l => l + "\n"));
    }

    private static string Render(string template, Func<string, string> value)
        => Placeholder().Replace(template, m =>
        {
            string name = m.Groups[1].Value;
            if (!s_headers.ContainsKey(name))
                throw new DrydockException(ErrorKind.InvalidArgument,
                    $"template: can't evaluate field {name}: use one of {string.Join(", ", s_headers.Keys.Select(k => "." + k))}");
            return value(name);
        });

    private static Dictionary<string, string> Fields(ContainerRecord c, bool noTrunc, DateTimeOffset now)
    {
        string command = string.Join(' ', c.Command);
        if (!noTrunc && command.Length > 20) command = command[..19] + "…";
        return new Dictionary<string, string>
        {
            ["ID"] = noTrunc ? c.Id : c.ShortId,
            ["Image"] = c.Image,
            ["Command"] = "\"" + command + "\"",
            ["CreatedAt"] = Units.GoTime(c.Created),
            ["RunningFor"] = HumanDuration.Format(now - c.Created) + " ago",
            ["Ports"] = "",
            ["State"] = c.Status.ToString().ToLowerInvariant(),
            ["Status"] = Status(c, now),
            ["Names"] = c.Name,
        };
    }

    private static string Status(ContainerRecord c, DateTimeOffset now) => c.Status switch
    {
        ContainerStatus.Running => "Up " + HumanDuration.Format(now - (c.StartedAt ?? c.Created)),
        ContainerStatus.Exited => $"Exited ({(c.ExitCode ?? 0).ToString(CultureInfo.InvariantCulture)}) {HumanDuration.Format(now - (c.FinishedAt ?? c.Created))} ago",
        _ => "Created",
    };

    [GeneratedRegex(@"\{\{\s*\.(\w+)\s*\}\}")]
    private static partial Regex Placeholder();
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Drydock.Core.Images.Display;

/// <summary>
/// The subset of Go templates docker's <c>--format</c> flags are used with: <c>{{.Field}}</c>,
/// <c>{{json .Field}}</c>, <c>{{json .}}</c>, a leading <c>table</c> for a header row, and <c>\t</c>/<c>\n</c>
/// escapes. Anything else (pipelines, range, if) fails with a clear error rather than printing nonsense.
/// </summary>
public sealed partial class GoTemplate
{
    private readonly string _body;
    private readonly IReadOnlyList<string> _fields;

    private GoTemplate(string body, bool isTable, IReadOnlyList<string> fields)
    {
        _body = body;
        IsTable = isTable;
        _fields = fields;
    }

    public bool IsTable { get; }

    /// <summary>Parses a template, checking every field against <paramref name="known"/>.</summary>
    public static GoTemplate Parse(string format, IReadOnlyCollection<string> known)
    {
        ArgumentNullException.ThrowIfNull(format);
        bool table = format.StartsWith("table", StringComparison.Ordinal);
        string body = (table ? format["table".Length..].TrimStart() : format).Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);
        var fields = new List<string>();
        foreach (Match m in Action().Matches(body))
        {
            Match f = Field().Match(m.Groups[1].Value.Trim());
            if (!f.Success)
                throw new DrydockException(ErrorKind.InvalidArgument, $"unsupported template action '{m.Value}' in --format: use {{{{.Field}}}}, {{{{json .Field}}}} or {{{{json .}}}}");
            string name = f.Groups["field"].Value;
            if (name.Length > 0 && !known.Contains(name))
                throw new DrydockException(ErrorKind.InvalidArgument, $"template: can't evaluate field {name} in --format (fields: {string.Join(", ", known)})");
            fields.Add(name);
        }
        return new GoTemplate(body, table, fields);
    }

    /// <summary>The header row: each action replaced by its column title.</summary>
    public string Header(Func<string, string> title)
        => Action().Replace(_body, m => title(Field().Match(m.Groups[1].Value.Trim()).Groups["field"].Value));

    /// <summary>Renders one item; <paramref name="values"/> maps field names to their text.</summary>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Action().Replace(_body, m =>
        {
            Match f = Field().Match(m.Groups[1].Value.Trim());
            string name = f.Groups["field"].Value;
            if (!f.Groups["json"].Success) return values.GetValueOrDefault(name, "");
            return name.Length == 0 ? ToJson(values) : JsonSerializer.Serialize(values.GetValueOrDefault(name, ""), DisplayJsonContext.Default.String);
        });
    }

    public IReadOnlyList<string> Fields => _fields;

    /// <summary>All fields as one JSON object with sorted keys, as docker's <c>--format json</c> prints them.</summary>
    public static string ToJson(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = new SortedDictionary<string, string>(values.ToDictionary(), StringComparer.Ordinal);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var (k, v) in sorted) writer.WriteString(k, v);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Action();

    /// <summary>
    /// Renders against a JSON document (what <c>inspect --format</c> sees): <c>{{.Config.Cmd}}</c> walks
    /// properties; strings print bare, arrays as Go prints slices (<c>[a b]</c>), objects and
    /// <c>{{json …}}</c> as JSON.
    /// </summary>
    public string Render(JsonElement root)
    {
        return Action().Replace(_body, m =>
        {
            Match f = Field().Match(m.Groups[1].Value.Trim());
            string path = f.Groups["field"].Value;
            JsonElement value = root;
            foreach (string part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(part, out value))
                    throw new DrydockException(ErrorKind.InvalidArgument, $"template: can't evaluate field {part} in --format");
            }
            return f.Groups["json"].Success ? Compact(value) : GoText(value);
        });
    }

    /// <summary>Parses a template for <see cref="Render(JsonElement)"/>, where fields are paths checked at render time.</summary>
    public static GoTemplate ParseForJson(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        string body = format.Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);
        foreach (Match m in Action().Matches(body))
        {
            if (!Field().IsMatch(m.Groups[1].Value.Trim()))
                throw new DrydockException(ErrorKind.InvalidArgument, $"unsupported template action '{m.Value}' in --format: use {{{{.Field}}}}, {{{{.Field.Sub}}}} or {{{{json .Field}}}}");
        }
        return new GoTemplate(body, false, []);
    }

    private static string Compact(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            value.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string GoText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "<no value>",
        JsonValueKind.Array => "[" + string.Join(' ', value.EnumerateArray().Select(GoText)) + "]",
        JsonValueKind.Object => "map[" + string.Join(' ', value.EnumerateObject().Select(p => $"{p.Name}:{GoText(p.Value)}")) + "]",
        _ => value.GetRawText(),
    };

    [GeneratedRegex(@"^(?<json>json\s+)?\.(?<field>[A-Za-z][A-Za-z.]*|)$", RegexOptions.CultureInvariant)]
    private static partial Regex Field();
}

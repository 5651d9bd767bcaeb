using System.Text.Json;
using Drydock.Core;
using Drydock.Core.Oci;

namespace Drydock.Exporter.Import;

/// <summary>
/// <c>import --change 'INSTRUCTION args'</c>: the Dockerfile instructions docker import accepts that only touch
/// the image config (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR, STOPSIGNAL), in exec (JSON)
/// or shell form. Anything else is refused with the list of what is supported.
/// </summary>
public static class ImageChanges
{
    private static readonly string[] s_supported = ["CMD", "ENTRYPOINT", "ENV", "EXPOSE", "LABEL", "USER", "VOLUME", "WORKDIR", "STOPSIGNAL"];

    public static ContainerConfig Apply(ContainerConfig config, IEnumerable<string> changes)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(changes);
        foreach (string change in changes) config = ApplyOne(config, change);
        return config;
    }

    private static ContainerConfig ApplyOne(ContainerConfig config, string change)
    {
        string trimmed = change.Trim();
        int space = trimmed.IndexOfAny([' ', '\t']);
        string keyword = (space < 0 ? trimmed : trimmed[..space]).ToUpperInvariant();
        string args = space < 0 ? "" : trimmed[(space + 1)..].Trim();
        if (args.Length == 0 && keyword.Length > 0 && s_supported.Contains(keyword))
            throw Invalid(change, $"{keyword} needs an argument");
        return keyword switch
        {
            "CMD" => config with { Cmd = Command(args, change) },
            "ENTRYPOINT" => config with { Entrypoint = Command(args, change) },
            "ENV" => config with { Env = SetEnv(config.Env ?? [], KeyValues(args, change)) },
            "LABEL" => config with { Labels = Merge(config.Labels, KeyValues(args, change)) },
            "EXPOSE" => config with { ExposedPorts = AddKeys(config.ExposedPorts, args.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Contains('/', StringComparison.Ordinal) ? p : p + "/tcp")) },
            "VOLUME" => config with { Volumes = AddKeys(config.Volumes, args.StartsWith('[') ? JsonArray(args, change) : args.Split(' ', StringSplitOptions.RemoveEmptyEntries)) },
            "USER" => config with { User = args },
            "WORKDIR" => config with { WorkingDir = args },
            "STOPSIGNAL" => config with { StopSignal = args },
            _ => throw Invalid(change, $"unsupported instruction '{keyword}' (supported: {string.Join(", ", s_supported)})"),
        };
    }

    /// <summary>Exec form <c>["a","b"]</c> as is; shell form wrapped in <c>/bin/sh -c</c>, as the Dockerfile does.</summary>
    private static IReadOnlyList<string> Command(string args, string change)
        => args.StartsWith('[') ? JsonArray(args, change) : ["/bin/sh", "-c", args];

    private static string[] JsonArray(string args, string change)
    {
        try
        {
            return JsonSerializer.Deserialize(args, ImportJsonContext.Default.StringArray) ?? throw Invalid(change, "null is not a command");
        }
        catch (JsonException)
        {
            throw Invalid(change, "expected a JSON array of strings such as [\"/bin/sh\", \"-c\", \"echo hi\"]");
        }
    }

    /// <summary><c>K=V K2="v 2"</c>, or the legacy <c>K V</c> form.</summary>
    private static List<KeyValuePair<string, string>> KeyValues(string args, string change)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (!args.Contains('=', StringComparison.Ordinal))
        {
            int space = args.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0) throw Invalid(change, "expected KEY=VALUE");
            pairs.Add(new(args[..space], args[(space + 1)..].Trim()));
            return pairs;
        }
        foreach (string word in SplitWords(args))
        {
            int eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw Invalid(change, $"expected KEY=VALUE, got '{word}'");
            pairs.Add(new(word[..eq], word[(eq + 1)..]));
        }
        return pairs;
    }

    private static IEnumerable<string> SplitWords(string s)
    {
        var word = new System.Text.StringBuilder();
        char quote = '\0';
        foreach (char c in s)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else word.Append(c);
            }
            else if (c is '"' or '\'') quote = c;
            else if (c == ' ')
            {
                if (word.Length > 0) yield return word.ToString();
                word.Clear();
            }
            else word.Append(c);
        }
        if (word.Length > 0) yield return word.ToString();
    }

    private static List<string> SetEnv(IReadOnlyList<string> env, List<KeyValuePair<string, string>> pairs)
    {
        var result = env.ToList();
        foreach (var (key, value) in pairs)
        {
            result.RemoveAll(e => e.StartsWith(key + "=", StringComparison.Ordinal));
            result.Add($"{key}={value}");
        }
        return result;
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string>? existing, List<KeyValuePair<string, string>> pairs)
    {
        var result = existing?.ToDictionary() ?? [];
        foreach (var (k, v) in pairs) result[k] = v;
        return result;
    }

    private static Dictionary<string, EmptyObject> AddKeys(IReadOnlyDictionary<string, EmptyObject>? existing, IEnumerable<string> keys)
    {
        var result = existing?.ToDictionary() ?? [];
        foreach (string k in keys) result[k] = EmptyObject.Instance;
        return result;
    }

    private static DrydockException Invalid(string change, string why) => new(ErrorKind.InvalidArgument, $"invalid --change '{change}': {why}");
}

using Drydock.Core;

namespace Drydock.Solver.Build;

/// <summary>Parsers for `drydock build` flag values, in docker's CSV key=value shapes, with one-line errors.</summary>
public static partial class BuildFlags
{
    /// <summary>--build-arg K=V, or K alone to take the value from the environment (skipped when unset, as docker does).</summary>
    public static Dictionary<string, string> BuildArgs(IEnumerable<string> values, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string v in values)
        {
            int eq = v.IndexOf('=', StringComparison.Ordinal);
            if (eq == 0) throw Invalid("--build-arg", v, "expected NAME=VALUE or NAME");
            if (eq > 0) result[v[..eq]] = v[(eq + 1)..];
            else if (environment(v) is { } fromEnv) result[v] = fromEnv;
        }
        return result;
    }

    /// <summary>--label K=V.</summary>
    public static Dictionary<string, string> Labels(IEnumerable<string> values)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string v in values)
        {
            int eq = v.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw Invalid("--label", v, "expected KEY=VALUE");
            result[v[..eq]] = v[(eq + 1)..];
        }
        return result;
    }

    /// <summary>--secret id=ID[,src=PATH|,source=PATH][,env=VAR][,type=file|env]; an id alone reads the env variable of that name or the file ./ID.</summary>
    public static SecretSource Secret(string value)
    {
        var fields = Csv("--secret", value);
        string? id = fields.GetValueOrDefault("id");
        string? src = fields.GetValueOrDefault("src") ?? fields.GetValueOrDefault("source");
        string? env = fields.GetValueOrDefault("env");
        string? type = fields.GetValueOrDefault("type");
        foreach (string key in fields.Keys)
            if (key is not ("id" or "src" or "source" or "env" or "type")) throw Invalid("--secret", value, $"unknown key '{key}'");
        if (type is not (null or "file" or "env")) throw Invalid("--secret", value, $"unknown type '{type}': expected file or env");
        id ??= src is not null ? Path.GetFileName(src) : env;
        if (string.IsNullOrEmpty(id)) throw Invalid("--secret", value, "an id is required (id=ID)");
        if (type == "env" && src is not null && env is null) (env, src) = (src, null);
        if (src is null && env is null)
        {
            if (type != "env" && Environment.GetEnvironmentVariable(id) is null && File.Exists(id)) src = id;
            else env = id;
        }
        return new SecretSource(id, src is null ? null : Path.GetFullPath(src), src is null ? env : null);
    }

    /// <summary>--output type=image|oci|docker|tar|local[,dest=PATH][,name=REF]; a bare PATH means type=local,dest=PATH.</summary>
    public static OutputSpec Output(string value)
    {
        if (!value.Contains('=', StringComparison.Ordinal)) return new OutputSpec(value == "-" ? "tar" : "local", value, null);
        var fields = Csv("--output", value);
        string type = fields.GetValueOrDefault("type") ?? throw Invalid("--output", value, "type= is required");
        string? dest = fields.GetValueOrDefault("dest");
        if (type is not ("image" or "oci" or "docker" or "tar" or "local"))
            throw Invalid("--output", value, $"unsupported type '{type}': expected image, oci, docker, tar or local");
        if (type != "image" && dest is null) throw Invalid("--output", value, $"type={type} needs dest=PATH");
        return new OutputSpec(type, dest, fields.GetValueOrDefault("name"));
    }

    /// <summary>--build-context NAME=DIR | NAME=docker-image://REF | NAME=oci-layout://PATH[:TAG|@DIGEST].</summary>
    public static (string Name, string Value) BuildContext(string value)
    {
        int eq = value.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == value.Length - 1) throw Invalid("--build-context", value, "expected NAME=DIR, NAME=docker-image://REF or NAME=oci-layout://PATH");
        return (value[..eq], value[(eq + 1)..]);
    }

    /// <summary>SOURCE_DATE_EPOCH (seconds since the epoch), from a build arg or the environment.</summary>
    public static DateTimeOffset? SourceDateEpoch(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        return long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw Invalid("SOURCE_DATE_EPOCH", value, "expected a number of seconds since 1970-01-01");
    }

    /// <summary>Go durations as docker's --filter until= takes them: "24h", "90m", "1h30m", "45s".</summary>
    public static TimeSpan Duration(string value)
    {
        var match = GoDuration().Match(value);
        if (value.Length == 0 || !match.Success) throw Invalid("until", value, "expected a duration such as 24h, 90m or 1h30m");
        int Part(int i) => match.Groups[i].Success ? int.Parse(match.Groups[i].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new TimeSpan(Part(1), Part(2), Part(3));
    }

    /// <summary>Sizes as docker takes them: "512", "10kb", "1.5GB", "2g" (powers of 1024).</summary>
    public static long ByteSize(string value)
    {
        var match = Size().Match(value.Trim().ToLowerInvariant());
        if (!match.Success) throw Invalid("--keep-storage", value, "expected a size such as 512mb or 10GB");
        double n = double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        int power = " kmgt".IndexOf(match.Groups[2].Value.Length == 0 ? ' ' : match.Groups[2].Value[0], StringComparison.Ordinal);
        return (long)(n * Math.Pow(1024, power));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")]
    private static partial System.Text.RegularExpressions.Regex GoDuration();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$")]
    private static partial System.Text.RegularExpressions.Regex Size();

    private static Dictionary<string, string> Csv(string flag, string value)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in value.Split(','))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw Invalid(flag, value, $"'{part}' is not KEY=VALUE");
            fields[part[..eq].Trim()] = part[(eq + 1)..].Trim();
        }
        return fields;
    }

    private static DrydockException Invalid(string flag, string value, string why)
        => new(ErrorKind.InvalidArgument, $"invalid {flag} value '{value}': {why}");
}

/// <summary>Where a build's result goes.</summary>
public sealed record OutputSpec(string Type, string? Destination, string? Name);

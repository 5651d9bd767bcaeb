namespace Drydock.Parser.Lint;

/// <summary>
/// The <c># check=skip=Rule1,Rule2;error=true</c> directive: rules to skip (<c>all</c> skips every rule) and
/// whether findings fail the build.
/// </summary>
public sealed record CheckDirective(IReadOnlySet<string> Skip, bool SkipAll, bool Error)
{
    public static CheckDirective None { get; } = new(new HashSet<string>(), false, false);

    public static CheckDirective Parse(string? value, SourceRange range)
    {
        if (string.IsNullOrWhiteSpace(value)) return None;
        var skip = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        bool skipAll = false, error = false;
        foreach (string part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            string key = (eq < 0 ? part : part[..eq]).Trim().ToLowerInvariant();
            string v = eq < 0 ? "" : part[(eq + 1)..].Trim();
            switch (key)
            {
                case "skip":
                    foreach (string rule in v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (rule.Equals("all", StringComparison.OrdinalIgnoreCase)) skipAll = true;
                        else skip.Add(rule);
                    }
                    break;
                case "error":
                    error = v.ToLowerInvariant() switch
                    {
                        "true" or "1" => true,
                        "false" or "0" => false,
                        _ => throw new DockerfileException(range, DockerfileErrorCodes.Directive, $"failed to parse check configuration: invalid boolean value '{v}' for error"),
                    };
                    break;
                case "experimental":
                    break;
                default:
                    throw new DockerfileException(range, DockerfileErrorCodes.Directive, $"failed to parse check configuration: invalid key '{key}' (expected skip, error or experimental)");
            }
        }
        return new CheckDirective(skip, skipAll, error);
    }

    public bool IsEnabled(string rule) => !SkipAll && !Skip.Contains(rule);
}

using Drydock.Core;

namespace Drydock.Containers.Spec;

/// <summary>
/// The container's environment as docker builds it: PATH, HOSTNAME (and TERM with -t) first, then the image's
/// Env, then --env-file and -e values, each replacing an earlier value of the same name. "-e NAME" without a
/// value passes the caller's NAME through, and is dropped when the caller has none.
/// </summary>
internal sealed class EnvBuilder
{
    public const string DefaultPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private readonly List<string> _env = [];

    public IReadOnlyList<string> Values => _env;

    public void Set(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        int eq = entry.IndexOf('=');
        string name = eq < 0 ? entry : entry[..eq];
        if (name.Length == 0) throw new DrydockException(ErrorKind.InvalidArgument, $"invalid environment variable: {entry}");
        int existing = _env.FindIndex(e => e.Length > name.Length && e[name.Length] == '=' && e.StartsWith(name, StringComparison.Ordinal));
        if (existing >= 0) _env[existing] = entry;
        else _env.Add(entry);
    }

    public void SetFromCaller(string entry, Func<string, string?> callerEnv)
    {
        if (entry.Contains('=', StringComparison.Ordinal))
        {
            Set(entry);
            return;
        }
        if (callerEnv(entry) is { } value) Set($"{entry}={value}");
    }

    public bool Has(string name) => Get(name) is not null;

    public string? Get(string name)
    {
        string prefix = name + "=";
        foreach (string e in _env) if (e.StartsWith(prefix, StringComparison.Ordinal)) return e[prefix.Length..];
        return null;
    }

    /// <summary>Reads an --env-file: one NAME=VALUE or NAME per line; blank lines and '#' comments are skipped.</summary>
    public static async ValueTask<IReadOnlyList<string>> ReadEnvFileAsync(string path, CancellationToken cancellationToken)
    {
        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DrydockException(ErrorKind.NotFound, $"open {path}: no such file or directory");
        }
        var entries = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimStart();
            if (line.Length == 0 || line[0] == '#') continue;
            string name = line.Split('=', 2)[0];
            if (name.Length == 0 || name.Any(char.IsWhiteSpace))
                throw new DrydockException(ErrorKind.InvalidArgument, $"{path}:{i + 1}: variable '{name}' contains whitespaces or is empty");
            entries.Add(line.Contains('=', StringComparison.Ordinal) ? line : name);
        }
        return entries;
    }
}

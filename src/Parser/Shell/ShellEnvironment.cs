using System.Diagnostics.CodeAnalysis;

namespace Drydock.Parser.Shell;

/// <summary>Factories for <see cref="IShellEnvironment"/>.</summary>
public static class ShellEnvironment
{
    /// <summary>An empty environment: every variable is unset.</summary>
    public static IShellEnvironment Empty { get; } = From([]);

    /// <summary>
    /// An environment holding <paramref name="vars"/>; a later entry with the same name wins, as BuildKit's
    /// BuildEnvs does. <paramref name="caseInsensitive"/> gives Windows' lookup rules.
    /// </summary>
    public static IShellEnvironment From(IEnumerable<KeyValuePair<string, string>> vars, bool caseInsensitive = false)
    {
        ArgumentNullException.ThrowIfNull(vars);
        var map = new Dictionary<string, string>(caseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        foreach (var (name, value) in vars) map[name] = value;
        return new DictionaryEnvironment(map);
    }

    /// <summary>An environment from <c>NAME=VALUE</c> strings (split at the first '='; no '=' means empty).</summary>
    public static IShellEnvironment FromPairs(IEnumerable<string> pairs, bool caseInsensitive = false)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return From(pairs.Select(Split), caseInsensitive);

        static KeyValuePair<string, string> Split(string pair)
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            return eq < 0 ? new(pair, "") : new(pair[..eq], pair[(eq + 1)..]);
        }
    }

    private sealed class DictionaryEnvironment(Dictionary<string, string> map) : IShellEnvironment
    {
        public IEnumerable<string> Names => map.Keys;

        public bool TryGet(string name, [MaybeNullWhen(false)] out string value) => map.TryGetValue(name, out value);
    }
}

using Drydock.Core;

namespace Drydock.Runtime.Cli;

/// <summary>runc's argument shape, parsed by hand: flags with values (--bundle DIR or --bundle=DIR), booleans, and positionals.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    public IReadOnlyList<string> Positionals => _positionals;

    /// <param name="valued">Long names that take a value.</param>
    /// <param name="flags">Long names that are booleans.</param>
    /// <param name="aliases">Short names: -b → bundle.</param>
    public static Arguments Parse(ReadOnlySpan<string> args, IReadOnlyCollection<string> valued, IReadOnlyCollection<string> flags, IReadOnlyDictionary<string, string> aliases, string command)
    {
        var parsed = new Arguments();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a == "--")
            {
                foreach (string rest in args[(i + 1)..]) parsed._positionals.Add(rest);
                break;
            }
            if (a.Length < 2 || a[0] != '-')
            {
                parsed._positionals.Add(a);
                continue;
            }
            string name = a.TrimStart('-');
            string? value = null;
            int eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            if (aliases.TryGetValue(name, out string? full)) name = full;
            if (valued.Contains(name))
            {
                if (value is null)
                {
                    if (i + 1 >= args.Length) throw Usage($"{command}: option '--{name}' needs a value");
                    value = args[++i];
                }
                parsed._options[name] = value;
            }
            else if (flags.Contains(name))
            {
                parsed._options[name] = value ?? "true";
            }
            else throw Usage($"{command}: unknown option '{a}'");
        }
        return parsed;
    }

    public string? Get(string name) => _options.GetValueOrDefault(name);

    public bool Has(string name) => _options.TryGetValue(name, out string? v) && v is not ("false" or "0");

    public string Id(string command)
        => _positionals.Count switch
        {
            0 => throw Usage($"{command}: a container id is required"),
            _ => _positionals[0],
        };

    public static DrydockException Usage(string message) => new(ErrorKind.InvalidArgument, message);
}

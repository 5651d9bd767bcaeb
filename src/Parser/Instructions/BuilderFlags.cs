namespace Drydock.Parser.Instructions;

/// <summary>
/// The <c>--flags</c> of one instruction, checked as BuildKit's BFlags does: each instruction declares what it
/// accepts (<see cref="FlagSpec"/>); an unknown flag, a repeated single-valued flag, a string flag without value
/// or a bad boolean is an error (messages as BuildKit words them).
/// </summary>
internal sealed class BuilderFlags
{
    /// <summary>For instructions that take no flags.</summary>
    public static readonly FlagSpec[] None = [];

    private static readonly BuilderFlags s_empty = new(None);

    private readonly FlagSpec[] _spec;
    private readonly List<string>?[] _values;

    private BuilderFlags(FlagSpec[] spec)
    {
        _spec = spec;
        _values = new List<string>?[spec.Length];
    }

    /// <summary>Checks <paramref name="raw"/> against <paramref name="spec"/>; throws <see cref="InstructionParseException"/>.</summary>
    public static BuilderFlags Parse(IReadOnlyList<string> raw, FlagSpec[] spec)
    {
        if (raw.Count == 0) return s_empty;
        var flags = new BuilderFlags(spec);
        for (int i = 0; i < raw.Count; i++)
        {
            string arg = raw[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw Error($"arg should start with -- : {arg}");
            int eq = arg.IndexOf('=', 2);
            ReadOnlySpan<char> name = eq < 0 ? arg.AsSpan(2) : arg.AsSpan(2, eq - 2);
            string? value = eq < 0 ? null : arg[(eq + 1)..];
            int index = IndexOf(spec, name);
            if (index < 0) throw Error($"unknown flag: {name}");
            FlagKind kind = spec[index].Kind;
            if (flags._values[index] is not null && kind != FlagKind.StringArray) throw Error($"duplicate flag specified: {name}");
            if (kind == FlagKind.Bool)
            {
                string b = (value ?? "true").ToLowerInvariant();
                if (b is not ("true" or "false")) throw Error($"expecting boolean value for flag {name}, not: {value}");
                value = b;
            }
            else if (value is null)
            {
                throw Error($"missing a value on flag: {name}");
            }
            (flags._values[index] ??= []).Add(value);
        }
        return flags;
    }

    private static int IndexOf(FlagSpec[] spec, ReadOnlySpan<char> name)
    {
        for (int i = 0; i < spec.Length; i++)
        {
            if (name.SequenceEqual(spec[i].Name)) return i;
        }
        return -1;
    }

    private List<string>? Values(string name)
    {
        int index = IndexOf(_spec, name);
        return index < 0 ? null : _values[index];
    }

    public string? GetString(string name) => Values(name) is { } v ? v[^1] : null;

    public bool? GetBool(string name) => Values(name) is { } v ? v[^1] == "true" : null;

    public IReadOnlyList<string> GetStrings(string name) => (IReadOnlyList<string>?)Values(name) ?? [];

    private static InstructionParseException Error(string message) => new(message, DockerfileErrorCodes.Flag);
}

using System.Globalization;
using System.Text;

namespace Drydock.Parser.Instructions;

/// <summary>
/// Parses a <c>RUN --mount=</c> value (comma-separated, CSV quoting) into a <see cref="RunMount"/> with BuildKit's
/// defaults and checks. <paramref name="expand"/>, when given, expands each option value first (the build
/// passes the stage's variables; parsing alone passes null).
/// </summary>
internal static class MountParser
{
    private static readonly string[] s_keys =
        ["type", "from", "source", "src", "target", "dst", "destination", "readonly", "ro", "readwrite", "rw", "id",
         "sharing", "mode", "uid", "gid", "required", "size", "env"];

    public static RunMount Parse(string spec, Func<string, string>? expand = null)
    {
        var type = MountType.Bind;
        string? target = null, source = null, from = null, id = null, env = null, sharingText = null;
        bool? readOnly = null;
        bool required = false;
        uint? mode = null, uid = null, gid = null;
        long? size = null;
        foreach (string field in SplitCsv(spec))
        {
            int eq = field.IndexOf('=', StringComparison.Ordinal);
            string key = (eq < 0 ? field : field[..eq]).ToLowerInvariant();
            if (eq < 0)
            {
                switch (key)
                {
                    case "readonly" or "ro": readOnly = true; continue;
                    case "readwrite" or "rw": readOnly = false; continue;
                    case "required" when type is MountType.Secret or MountType.Ssh: required = true; continue;
                    case "required": throw Error($"unexpected key '{key}' for mount type '{Name(type)}'");
                    default: throw Error($"invalid field '{field}' must be a key=value pair");
                }
            }
            string value = field[(eq + 1)..];
            if (expand is not null) value = expand(value);
            switch (key)
            {
                case "type": type = ParseType(value); break;
                case "from": from = value; break;
                case "source" or "src": source = value; break;
                case "target" or "dst" or "destination": target = value; break;
                case "readonly" or "ro": readOnly = ParseBool(key, value); break;
                case "readwrite" or "rw": readOnly = !ParseBool(key, value); break;
                case "required" when type is MountType.Secret or MountType.Ssh: required = ParseBool(key, value); break;
                case "required": throw Error($"unexpected key '{key}' for mount type '{Name(type)}'");
                case "id": id = value; break;
                case "sharing": sharingText = value; break;
                case "mode": mode = ParseUInt(value, 8, "mode"); break;
                case "uid": uid = ParseUInt(value, 10, "uid"); break;
                case "gid": gid = ParseUInt(value, 10, "gid"); break;
                case "env": env = value; break;
                case "size" when type == MountType.Tmpfs: size = ParseSize(value); break;
                case "size": throw Error("size is only valid for tmpfs mounts");
                default: throw Error($"unexpected key '{key}' in '{field}'" + Suggest.DidYouMean(key, s_keys));
            }
        }
        return Build(type, target, source, from, id, env, sharingText, readOnly, required, mode, uid, gid, size);
    }

    private static RunMount Build(MountType type, string? target, string? source, string? from, string? id, string? env, string? sharingText,
        bool? readOnly, bool required, uint? mode, uint? uid, uint? gid, long? size)
    {
        if (type is not (MountType.Secret or MountType.Ssh or MountType.Cache) && (mode ?? uid ?? gid) is not null)
            throw Error($"{(mode is not null ? "mode" : uid is not null ? "uid" : "gid")} not allowed for \"{Name(type)}\" type mounts");
        var sharing = MountSharing.Shared;
        if (sharingText is not null)
        {
            if (type != MountType.Cache) throw Error($"invalid cache sharing set for {Name(type)} mount");
            sharing = sharingText.ToLowerInvariant() switch
            {
                "shared" => MountSharing.Shared,
                "private" => MountSharing.Private,
                "locked" => MountSharing.Locked,
                _ => throw Error($"unsupported sharing value \"{sharingText}\""),
            };
        }
        switch (type)
        {
            case MountType.Secret:
                if (from is not null) throw Error("secret mount should not have a from");
                if (source is not null)
                {
                    if (id is not null) throw Error("both source and id can't be set");
                    id = source;
                    source = null;
                }
                if (id is null && target is null && env is null) throw Error("secret mount requires an id, a target or an env");
                id ??= target is not null ? Path.GetFileName(target.TrimEnd('/')) : env;
                if (target is null && env is null) target = "/run/secrets/" + id;
                mode ??= Convert.ToUInt32("400", 8);
                break;
            case MountType.Ssh:
                id ??= "default";
                mode ??= Convert.ToUInt32("600", 8);
                break;
            case MountType.Cache:
                if (target is null) throw Error("mount type=cache requires a target");
                id ??= target;
                break;
            default:
                if (target is null) throw Error($"mount type={Name(type)} requires a target");
                break;
        }
        return new RunMount
        {
            Type = type,
            Target = target,
            Source = source,
            From = from,
            Id = id,
            Env = env,
            Sharing = sharing,
            ReadOnly = readOnly ?? type is not (MountType.Cache or MountType.Tmpfs),
            Required = required,
            Mode = mode,
            Uid = uid,
            Gid = gid,
            Size = size,
        };
    }

    public static string Name(MountType type) => type.ToString().ToLowerInvariant();

    private static MountType ParseType(string value) => value.ToLowerInvariant() switch
    {
        "bind" => MountType.Bind,
        "cache" => MountType.Cache,
        "tmpfs" => MountType.Tmpfs,
        "secret" => MountType.Secret,
        "ssh" => MountType.Ssh,
        _ => throw Error($"unsupported mount type \"{value}\"" + Suggest.DidYouMean(value.ToLowerInvariant(), ["bind", "cache", "tmpfs", "secret", "ssh"])),
    };

    /// <summary>Go's strconv.ParseBool.</summary>
    internal static bool ParseBool(string key, string value) => value switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => throw Error($"invalid value for {key}: {value}"),
    };

    private static uint ParseUInt(string value, int radix, string name)
    {
        try
        {
            if (value.Length == 0 || value.Any(c => !char.IsAsciiDigit(c) || c - '0' >= radix)) throw new FormatException();
            return Convert.ToUInt32(value, radix);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw Error($"invalid value {value} for {name}");
        }
    }

    /// <summary>Sizes as docker's units.RAMInBytes reads them: 512, 64k, 128m, 1.5g (binary multiples).</summary>
    private static long ParseSize(string value)
    {
        string s = value.Trim();
        int i = 0;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
        if (i == 0 || !double.TryParse(s.AsSpan(0, i), NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
            throw Error($"invalid size: '{value}'");
        string unit = s[i..].Trim().ToLowerInvariant();
        long multiplier = unit switch
        {
            "" or "b" => 1,
            "k" or "kb" or "kib" => 1L << 10,
            "m" or "mb" or "mib" => 1L << 20,
            "g" or "gb" or "gib" => 1L << 30,
            "t" or "tb" or "tib" => 1L << 40,
            "p" or "pb" or "pib" => 1L << 50,
            _ => throw Error($"invalid size: '{value}'"),
        };
        return (long)(number * multiplier);
    }

    /// <summary>One CSV record: commas separate fields, a field starting with a quote runs to its closing quote.</summary>
    private static List<string> SplitCsv(string spec)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            field.Clear();
            if (i < spec.Length && spec[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= spec.Length) throw Error($"invalid mount '{spec}': unterminated quote");
                    if (spec[i] == '"')
                    {
                        if (i + 1 < spec.Length && spec[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(spec[i++]);
                }
                while (i < spec.Length && spec[i] != ',') field.Append(spec[i++]);
            }
            else
            {
                while (i < spec.Length && spec[i] != ',') field.Append(spec[i++]);
            }
            fields.Add(field.ToString());
            if (i >= spec.Length) break;
            i++; // ','
        }
        return fields;
    }

    private static InstructionParseException Error(string message) => new(message, DockerfileErrorCodes.Flag);
}

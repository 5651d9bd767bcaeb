using System.Text.Json;
using Drydock.Core;

namespace Drydock.Runtime.Oci;

/// <summary>
/// Reads config.json by walking a <see cref="JsonDocument"/>: the runtime CLI's start path cannot afford the
/// JIT time of the serializer's generic converters (about 50 ms here). An unknown field is an error naming its
/// path (linux.foo), so nothing in a config is silently ignored; fields known but not honoured are refused by RuntimePlan.
/// </summary>
internal static class OciConfigReader
{
    public static OciConfig Read(ReadOnlyMemory<byte> json, string file)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false });
            return Config(doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new DrydockException(ErrorKind.InvalidArgument, $"invalid container config '{file}{(e.LineNumber is long l ? $":{l + 1}" : "")}': {e.Message}");
        }
        catch (ConfigException e)
        {
            throw new DrydockException(ErrorKind.InvalidArgument, $"invalid container config '{file}': {e.Message}");
        }
    }

    private sealed class ConfigException(string message) : Exception(message);

    private static OciConfig Config(JsonElement e)
    {
        var c = new OciConfig();
        foreach (JsonProperty p in Object(e, ""))
        {
            c = p.Name switch
            {
                "ociVersion" => c with { OciVersion = Str(p.Value, "ociVersion") },
                "process" => c with { Process = Process(p.Value) },
                "root" => c with { Root = Root(p.Value) },
                "hostname" => c with { Hostname = Str(p.Value, "hostname") },
                "domainname" => c with { Domainname = Str(p.Value, "domainname") },
                "mounts" => c with { Mounts = List(p.Value, "mounts", Mount) },
                "linux" => c with { Linux = Linux(p.Value) },
                "annotations" => c with { Annotations = Map(p.Value, "annotations") },
                "hooks" => c with { Hooks = Hooks(p.Value) },
                _ => throw Unknown("", p.Name),
            };
        }
        return c;
    }

    private static OciProcess Process(JsonElement e)
    {
        var r = new OciProcess();
        foreach (JsonProperty p in Object(e, "process"))
        {
            string path = "process." + p.Name;
            r = p.Name switch
            {
                "terminal" => r with { Terminal = Bool(p.Value, path) },
                "consoleSize" => r with { ConsoleSize = ConsoleSize(p.Value) },
                "user" => r with { User = User(p.Value) },
                "args" => r with { Args = Strings(p.Value, path) },
                "commandLine" => r with { CommandLine = Str(p.Value, path) },
                "env" => r with { Env = Strings(p.Value, path) },
                "cwd" => r with { Cwd = Str(p.Value, path) },
                "capabilities" => r with { Capabilities = Capabilities(p.Value) },
                "rlimits" => r with { Rlimits = List(p.Value, path, Rlimit) },
                "noNewPrivileges" => r with { NoNewPrivileges = Bool(p.Value, path) },
                "apparmorProfile" => r with { ApparmorProfile = Str(p.Value, path) },
                "oomScoreAdj" => r with { OomScoreAdj = (int)Int(p.Value, path) },
                "selinuxLabel" => r with { SelinuxLabel = Str(p.Value, path) },
                "scheduler" => r with { Scheduler = p.Value.Clone() },
                "ioPriority" => r with { IoPriority = p.Value.Clone() },
                "execCPUAffinity" => r with { ExecCPUAffinity = p.Value.Clone() },
                _ => throw Unknown("process", p.Name),
            };
        }
        return r;
    }

    private static OciBox ConsoleSize(JsonElement e)
    {
        uint h = 0, w = 0;
        foreach (JsonProperty p in Object(e, "process.consoleSize"))
        {
            if (p.Name == "height") h = (uint)Int(p.Value, "process.consoleSize.height");
            else if (p.Name == "width") w = (uint)Int(p.Value, "process.consoleSize.width");
            else throw Unknown("process.consoleSize", p.Name);
        }
        return new OciBox(h, w);
    }

    private static OciUser User(JsonElement e)
    {
        var u = new OciUser();
        foreach (JsonProperty p in Object(e, "process.user"))
        {
            string path = "process.user." + p.Name;
            u = p.Name switch
            {
                "uid" => u with { Uid = (uint)Int(p.Value, path) },
                "gid" => u with { Gid = (uint)Int(p.Value, path) },
                "umask" => u with { Umask = (uint)Int(p.Value, path) },
                "additionalGids" => u with { AdditionalGids = List(p.Value, path, (x, q) => (uint)Int(x, q)) },
                "username" => u with { Username = Str(p.Value, path) },
                _ => throw Unknown("process.user", p.Name),
            };
        }
        return u;
    }

    private static OciCapabilities Capabilities(JsonElement e)
    {
        var c = new OciCapabilities();
        foreach (JsonProperty p in Object(e, "process.capabilities"))
        {
            string path = "process.capabilities." + p.Name;
            c = p.Name switch
            {
                "bounding" => c with { Bounding = Strings(p.Value, path) },
                "effective" => c with { Effective = Strings(p.Value, path) },
                "inheritable" => c with { Inheritable = Strings(p.Value, path) },
                "permitted" => c with { Permitted = Strings(p.Value, path) },
                "ambient" => c with { Ambient = Strings(p.Value, path) },
                _ => throw Unknown("process.capabilities", p.Name),
            };
        }
        return c;
    }

    private static OciRlimit Rlimit(JsonElement e, string path)
    {
        string type = "";
        ulong hard = 0, soft = 0;
        foreach (JsonProperty p in Object(e, path))
        {
            switch (p.Name)
            {
                case "type": type = Str(p.Value, path + ".type"); break;
                case "hard": hard = UInt(p.Value, path + ".hard"); break;
                case "soft": soft = UInt(p.Value, path + ".soft"); break;
                default: throw Unknown(path, p.Name);
            }
        }
        return new OciRlimit(type, hard, soft);
    }

    private static OciRoot Root(JsonElement e)
    {
        string? path = null;
        bool ro = false;
        foreach (JsonProperty p in Object(e, "root"))
        {
            if (p.Name == "path") path = Str(p.Value, "root.path");
            else if (p.Name == "readonly") ro = Bool(p.Value, "root.readonly");
            else throw Unknown("root", p.Name);
        }
        return new OciRoot { Path = path ?? throw new ConfigException("root.path is missing"), Readonly = ro };
    }

    private static OciMount Mount(JsonElement e, string path)
    {
        string? destination = null, type = null, source = null;
        IReadOnlyList<string>? options = null;
        IReadOnlyList<OciIdMapping>? uid = null, gid = null;
        foreach (JsonProperty p in Object(e, path))
        {
            switch (p.Name)
            {
                case "destination": destination = Str(p.Value, path + ".destination"); break;
                case "type": type = Str(p.Value, path + ".type"); break;
                case "source": source = Str(p.Value, path + ".source"); break;
                case "options": options = Strings(p.Value, path + ".options"); break;
                case "uidMappings": uid = List(p.Value, path + ".uidMappings", IdMapping); break;
                case "gidMappings": gid = List(p.Value, path + ".gidMappings", IdMapping); break;
                default: throw Unknown(path, p.Name);
            }
        }
        return new OciMount
        {
            Destination = destination ?? throw new ConfigException($"{path}.destination is missing"),
            Type = type, Source = source, Options = options, UidMappings = uid, GidMappings = gid,
        };
    }

    private static OciIdMapping IdMapping(JsonElement e, string path)
    {
        uint container = 0, host = 0, size = 0;
        foreach (JsonProperty p in Object(e, path))
        {
            switch (p.Name)
            {
                case "containerID": container = (uint)Int(p.Value, path + ".containerID"); break;
                case "hostID": host = (uint)Int(p.Value, path + ".hostID"); break;
                case "size": size = (uint)Int(p.Value, path + ".size"); break;
                default: throw Unknown(path, p.Name);
            }
        }
        return new OciIdMapping(container, host, size);
    }

    private static OciHooks Hooks(JsonElement e)
    {
        var h = new OciHooks();
        foreach (JsonProperty p in Object(e, "hooks"))
        {
            IReadOnlyList<object> list = List<object>(p.Value, "hooks." + p.Name, (x, _) => x.Clone());
            h = p.Name switch
            {
                "prestart" => h with { Prestart = list },
                "createRuntime" => h with { CreateRuntime = list },
                "createContainer" => h with { CreateContainer = list },
                "startContainer" => h with { StartContainer = list },
                "poststart" => h with { Poststart = list },
                "poststop" => h with { Poststop = list },
                _ => throw Unknown("hooks", p.Name),
            };
        }
        return h;
    }

    private static OciLinux Linux(JsonElement e)
    {
        var l = new OciLinux();
        foreach (JsonProperty p in Object(e, "linux"))
        {
            string path = "linux." + p.Name;
            l = p.Name switch
            {
                "namespaces" => l with { Namespaces = List(p.Value, path, Namespace) },
                "uidMappings" => l with { UidMappings = List(p.Value, path, IdMapping) },
                "gidMappings" => l with { GidMappings = List(p.Value, path, IdMapping) },
                "sysctl" => l with { Sysctl = Map(p.Value, path) },
                "resources" => l with { Resources = OciResourcesReader.Resources(p.Value) },
                "cgroupsPath" => l with { CgroupsPath = Str(p.Value, path) },
                "rootfsPropagation" => l with { RootfsPropagation = Str(p.Value, path) },
                "seccomp" => l with { Seccomp = p.Value.Clone() },
                "maskedPaths" => l with { MaskedPaths = Strings(p.Value, path) },
                "readonlyPaths" => l with { ReadonlyPaths = Strings(p.Value, path) },
                "mountLabel" => l with { MountLabel = Str(p.Value, path) },
                "devices" => l with { Devices = List(p.Value, path, Device) },
                "personality" => l with { Personality = p.Value.Clone() },
                "intelRdt" => l with { IntelRdt = p.Value.Clone() },
                "timeOffsets" => l with { TimeOffsets = p.Value.Clone() },
                _ => throw Unknown("linux", p.Name),
            };
        }
        return l;
    }

    private static OciNamespace Namespace(JsonElement e, string path)
    {
        string? type = null, nsPath = null;
        foreach (JsonProperty p in Object(e, path))
        {
            if (p.Name == "type") type = Str(p.Value, path + ".type");
            else if (p.Name == "path") nsPath = Str(p.Value, path + ".path");
            else throw Unknown(path, p.Name);
        }
        return new OciNamespace(type ?? throw new ConfigException($"{path}.type is missing"), nsPath);
    }

    private static OciDevice Device(JsonElement e, string path)
    {
        string? devicePath = null, type = null;
        long major = 0, minor = 0;
        uint? mode = null, uid = null, gid = null;
        foreach (JsonProperty p in Object(e, path))
        {
            switch (p.Name)
            {
                case "path": devicePath = Str(p.Value, path + ".path"); break;
                case "type": type = Str(p.Value, path + ".type"); break;
                case "major": major = Int(p.Value, path + ".major"); break;
                case "minor": minor = Int(p.Value, path + ".minor"); break;
                case "fileMode": mode = (uint)Int(p.Value, path + ".fileMode"); break;
                case "uid": uid = (uint)Int(p.Value, path + ".uid"); break;
                case "gid": gid = (uint)Int(p.Value, path + ".gid"); break;
                default: throw Unknown(path, p.Name);
            }
        }
        return new OciDevice
        {
            Path = devicePath ?? throw new ConfigException($"{path}.path is missing"),
            Type = type ?? throw new ConfigException($"{path}.type is missing"),
            Major = major, Minor = minor, FileMode = mode, Uid = uid, Gid = gid,
        };
    }

    // ---- shapes ----

    internal static JsonElement.ObjectEnumerator Object(JsonElement e, string path)
        => e.ValueKind == JsonValueKind.Object ? e.EnumerateObject() : throw new ConfigException($"{(path.Length == 0 ? "the document" : path)} must be an object");

    internal static IReadOnlyList<T> List<T>(JsonElement e, string path, Func<JsonElement, string, T> item)
    {
        if (e.ValueKind == JsonValueKind.Null) return [];
        if (e.ValueKind != JsonValueKind.Array) throw new ConfigException($"{path} must be an array");
        var list = new List<T>(e.GetArrayLength());
        int i = 0;
        foreach (JsonElement x in e.EnumerateArray()) list.Add(item(x, $"{path}[{i++}]"));
        return list;
    }

    internal static IReadOnlyList<string> Strings(JsonElement e, string path) => List(e, path, Str);

    internal static IReadOnlyDictionary<string, string> Map(JsonElement e, string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty p in Object(e, path)) map[p.Name] = Str(p.Value, path + "." + p.Name);
        return map;
    }

    internal static string Str(JsonElement e, string path)
        => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new ConfigException($"{path} must be a string");

    internal static bool Bool(JsonElement e, string path)
        => e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : throw new ConfigException($"{path} must be true or false");

    internal static long Int(JsonElement e, string path)
        => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out long v) ? v : throw new ConfigException($"{path} must be an integer");

    internal static ulong UInt(JsonElement e, string path)
        => e.ValueKind == JsonValueKind.Number && e.TryGetUInt64(out ulong v) ? v : throw new ConfigException($"{path} must be a non-negative integer");

    internal static Exception Unknown(string parent, string name)
        => new ConfigException($"unknown field '{(parent.Length == 0 ? name : parent + "." + name)}'");

    internal static Exception Invalid(string message) => new ConfigException(message);
}

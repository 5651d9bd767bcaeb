using System.Text.Json;

namespace Drydock.Runtime.Oci;

/// <summary>linux.resources for <see cref="OciConfigReader"/>.</summary>
internal static class OciResourcesReader
{
    public static OciResources Resources(JsonElement e)
    {
        var r = new OciResources();
        foreach (JsonProperty p in OciConfigReader.Object(e, "linux.resources"))
        {
            string path = "linux.resources." + p.Name;
            r = p.Name switch
            {
                "devices" => r with { Devices = OciConfigReader.List(p.Value, path, DeviceRule) },
                "memory" => r with { Memory = Memory(p.Value, path) },
                "cpu" => r with { Cpu = Cpu(p.Value, path) },
                "pids" => r with { Pids = Pids(p.Value, path) },
                "blockIO" => r with { BlockIO = p.Value.Clone() },
                "hugepageLimits" => r with { HugepageLimits = p.Value.Clone() },
                "network" => r with { Network = p.Value.Clone() },
                "rdma" => r with { Rdma = p.Value.Clone() },
                "unified" => r with { Unified = OciConfigReader.Map(p.Value, path) },
                _ => throw OciConfigReader.Unknown("linux.resources", p.Name),
            };
        }
        return r;
    }

    private static OciDeviceRule DeviceRule(JsonElement e, string path)
    {
        var d = new OciDeviceRule();
        foreach (JsonProperty p in OciConfigReader.Object(e, path))
        {
            d = p.Name switch
            {
                "allow" => d with { Allow = OciConfigReader.Bool(p.Value, path + ".allow") },
                "type" => d with { Type = OciConfigReader.Str(p.Value, path + ".type") },
                "major" => d with { Major = OptionalInt(p.Value, path + ".major") },
                "minor" => d with { Minor = OptionalInt(p.Value, path + ".minor") },
                "access" => d with { Access = OciConfigReader.Str(p.Value, path + ".access") },
                _ => throw OciConfigReader.Unknown(path, p.Name),
            };
        }
        return d;
    }

    private static long? OptionalInt(JsonElement e, string path) => e.ValueKind == JsonValueKind.Null ? null : OciConfigReader.Int(e, path);

    private static OciMemory Memory(JsonElement e, string path)
    {
        var m = new OciMemory();
        foreach (JsonProperty p in OciConfigReader.Object(e, path))
        {
            string q = path + "." + p.Name;
            m = p.Name switch
            {
                "limit" => m with { Limit = OciConfigReader.Int(p.Value, q) },
                "reservation" => m with { Reservation = OciConfigReader.Int(p.Value, q) },
                "swap" => m with { Swap = OciConfigReader.Int(p.Value, q) },
                "kernel" => m with { Kernel = OciConfigReader.Int(p.Value, q) },
                "kernelTCP" => m with { KernelTcp = OciConfigReader.Int(p.Value, q) },
                "swappiness" => m with { Swappiness = OciConfigReader.UInt(p.Value, q) },
                "disableOOMKiller" => m with { DisableOomKiller = OciConfigReader.Bool(p.Value, q) },
                "useHierarchy" => m with { UseHierarchy = OciConfigReader.Bool(p.Value, q) },
                "checkBeforeUpdate" => m with { CheckBeforeUpdate = OciConfigReader.Bool(p.Value, q) },
                _ => throw OciConfigReader.Unknown(path, p.Name),
            };
        }
        return m;
    }

    private static OciCpu Cpu(JsonElement e, string path)
    {
        var c = new OciCpu();
        foreach (JsonProperty p in OciConfigReader.Object(e, path))
        {
            string q = path + "." + p.Name;
            c = p.Name switch
            {
                "shares" => c with { Shares = OciConfigReader.UInt(p.Value, q) },
                "quota" => c with { Quota = OciConfigReader.Int(p.Value, q) },
                "burst" => c with { Burst = OciConfigReader.Int(p.Value, q) },
                "period" => c with { Period = OciConfigReader.UInt(p.Value, q) },
                "realtimeRuntime" => c with { RealtimeRuntime = OciConfigReader.Int(p.Value, q) },
                "realtimePeriod" => c with { RealtimePeriod = OciConfigReader.UInt(p.Value, q) },
                "cpus" => c with { Cpus = OciConfigReader.Str(p.Value, q) },
                "mems" => c with { Mems = OciConfigReader.Str(p.Value, q) },
                "idle" => c with { Idle = OciConfigReader.Int(p.Value, q) != 0 },
                _ => throw OciConfigReader.Unknown(path, p.Name),
            };
        }
        return c;
    }

    private static OciPids Pids(JsonElement e, string path)
    {
        long limit = 0;
        foreach (JsonProperty p in OciConfigReader.Object(e, path))
        {
            if (p.Name == "limit") limit = OciConfigReader.Int(p.Value, path + ".limit");
            else throw OciConfigReader.Unknown(path, p.Name);
        }
        return new OciPids(limit);
    }
}

using System.Text.Json.Serialization;

namespace Drydock.Runtime.Oci;

// The runtime-spec's config.json (https://github.com/opencontainers/runtime-spec/blob/main/config.md), the
// Linux fields Drydock's runtime reads. Unknown fields are rejected when parsing (OciRuntimeJsonContext), and
// fields modelled here that the runtime cannot honour are rejected by RuntimePlan: never silently ignored.

public sealed record OciConfig
{
    public string OciVersion { get; init; } = "1.2.0";
    public OciProcess? Process { get; init; }
    public OciRoot? Root { get; init; }
    public string? Hostname { get; init; }
    public string? Domainname { get; init; }
    public IReadOnlyList<OciMount>? Mounts { get; init; }
    public OciLinux? Linux { get; init; }
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
    public OciHooks? Hooks { get; init; }
}

public sealed record OciProcess
{
    public bool Terminal { get; init; }
    public OciBox? ConsoleSize { get; init; }
    public OciUser User { get; init; } = new();
    public IReadOnlyList<string>? Args { get; init; }
    public string? CommandLine { get; init; }
    public IReadOnlyList<string>? Env { get; init; }
    public string Cwd { get; init; } = "/";
    public OciCapabilities? Capabilities { get; init; }
    public IReadOnlyList<OciRlimit>? Rlimits { get; init; }
    public bool NoNewPrivileges { get; init; }
    public string? ApparmorProfile { get; init; }
    public int? OomScoreAdj { get; init; }
    public string? SelinuxLabel { get; init; }
    public object? Scheduler { get; init; }
    public object? IoPriority { get; init; }
    public object? ExecCPUAffinity { get; init; }
}

public sealed record OciBox(uint Height, uint Width);

public sealed record OciUser
{
    public uint Uid { get; init; }
    public uint Gid { get; init; }
    public uint? Umask { get; init; }
    public IReadOnlyList<uint>? AdditionalGids { get; init; }
    public string? Username { get; init; }
}

public sealed record OciCapabilities
{
    public IReadOnlyList<string>? Bounding { get; init; }
    public IReadOnlyList<string>? Effective { get; init; }
    public IReadOnlyList<string>? Inheritable { get; init; }
    public IReadOnlyList<string>? Permitted { get; init; }
    public IReadOnlyList<string>? Ambient { get; init; }
}

public sealed record OciRlimit(string Type, ulong Hard, ulong Soft);

public sealed record OciRoot
{
    public required string Path { get; init; }
    public bool Readonly { get; init; }
}

public sealed record OciMount
{
    public required string Destination { get; init; }
    public string? Type { get; init; }
    public string? Source { get; init; }
    public IReadOnlyList<string>? Options { get; init; }
    public IReadOnlyList<OciIdMapping>? UidMappings { get; init; }
    public IReadOnlyList<OciIdMapping>? GidMappings { get; init; }
}

public sealed record OciIdMapping(
    [property: JsonPropertyName("containerID")] uint ContainerId,
    [property: JsonPropertyName("hostID")] uint HostId,
    uint Size);

public sealed record OciHooks
{
    public IReadOnlyList<object>? Prestart { get; init; }
    public IReadOnlyList<object>? CreateRuntime { get; init; }
    public IReadOnlyList<object>? CreateContainer { get; init; }
    public IReadOnlyList<object>? StartContainer { get; init; }
    public IReadOnlyList<object>? Poststart { get; init; }
    public IReadOnlyList<object>? Poststop { get; init; }
}

public sealed record OciLinux
{
    public IReadOnlyList<OciNamespace>? Namespaces { get; init; }
    public IReadOnlyList<OciIdMapping>? UidMappings { get; init; }
    public IReadOnlyList<OciIdMapping>? GidMappings { get; init; }
    public IReadOnlyDictionary<string, string>? Sysctl { get; init; }
    public OciResources? Resources { get; init; }
    public string? CgroupsPath { get; init; }
    public string? RootfsPropagation { get; init; }
    public object? Seccomp { get; init; }
    public IReadOnlyList<string>? MaskedPaths { get; init; }
    public IReadOnlyList<string>? ReadonlyPaths { get; init; }
    public string? MountLabel { get; init; }
    public IReadOnlyList<OciDevice>? Devices { get; init; }
    public object? Personality { get; init; }
    public object? IntelRdt { get; init; }
    public object? TimeOffsets { get; init; }
}

public sealed record OciNamespace(string Type, string? Path = null);

public sealed record OciDevice
{
    public required string Path { get; init; }
    public required string Type { get; init; }
    public long Major { get; init; }
    public long Minor { get; init; }
    public uint? FileMode { get; init; }
    public uint? Uid { get; init; }
    public uint? Gid { get; init; }
}

public sealed record OciResources
{
    public IReadOnlyList<OciDeviceRule>? Devices { get; init; }
    public OciMemory? Memory { get; init; }
    public OciCpu? Cpu { get; init; }
    public OciPids? Pids { get; init; }
    public object? BlockIO { get; init; }
    public object? HugepageLimits { get; init; }
    public object? Network { get; init; }
    public object? Rdma { get; init; }
    public IReadOnlyDictionary<string, string>? Unified { get; init; }
}

public sealed record OciDeviceRule
{
    public bool Allow { get; init; }
    public string? Type { get; init; }
    public long? Major { get; init; }
    public long? Minor { get; init; }
    public string? Access { get; init; }
}

public sealed record OciMemory
{
    public long? Limit { get; init; }
    public long? Reservation { get; init; }
    public long? Swap { get; init; }
    public long? Kernel { get; init; }
    [JsonPropertyName("kernelTCP")] public long? KernelTcp { get; init; }
    public ulong? Swappiness { get; init; }
    [JsonPropertyName("disableOOMKiller")] public bool? DisableOomKiller { get; init; }
    public bool? UseHierarchy { get; init; }
    public bool? CheckBeforeUpdate { get; init; }
}

public sealed record OciCpu
{
    public ulong? Shares { get; init; }
    public long? Quota { get; init; }
    public long? Burst { get; init; }
    public ulong? Period { get; init; }
    public long? RealtimeRuntime { get; init; }
    public ulong? RealtimePeriod { get; init; }
    public string? Cpus { get; init; }
    public string? Mems { get; init; }
    public bool? Idle { get; init; }
}

public sealed record OciPids(long Limit);

/// <summary>The runtime-spec's state (runtime.md "State"), as `drydock-runtime state` prints it.</summary>
public sealed record OciState
{
    public string OciVersion { get; init; } = "1.2.0";
    public required string Id { get; init; }
    public required string Status { get; init; }
    public int Pid { get; init; }
    public required string Bundle { get; init; }
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}

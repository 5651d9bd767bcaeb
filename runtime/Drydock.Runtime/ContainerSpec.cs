using Drydock.Core;

namespace Drydock.Runtime;

/// <summary>
/// What to run, as data. The runtime turns it into an OCI runtime-spec config (or an init plan); callers such
/// as the solver's RUN executor and `drydock run` build it from image config and flags.
/// </summary>
public sealed record ContainerSpec
{
    public required string Id { get; init; }

    /// <summary>The mounts that make the root filesystem (a snapshotter's output), performed in order at "/".</summary>
    public required IReadOnlyList<Mount> RootMounts { get; init; }

    public bool ReadOnlyRoot { get; init; }

    public required ProcessSpec Process { get; init; }

    public string? Hostname { get; init; }

    public NetworkMode Network { get; init; } = NetworkMode.None;

    /// <summary>Extra mounts inside the container (bind, tmpfs, …): <see cref="Mount.Source"/> on the host, target in <see cref="ContainerMount.Target"/>.</summary>
    public IReadOnlyList<ContainerMount> Mounts { get; init; } = [];

    public ResourceLimits Resources { get; init; } = new();

    public bool Privileged { get; init; }

    /// <summary>Run a minimal reaping init as PID 1 (docker's --init).</summary>
    public bool Init { get; init; }
}

public sealed record ProcessSpec
{
    public required IReadOnlyList<string> Args { get; init; }

    public IReadOnlyList<string> Env { get; init; } = [];

    public string Cwd { get; init; } = "/";

    public uint Uid { get; init; }

    public uint Gid { get; init; }

    public IReadOnlyList<uint> AdditionalGids { get; init; } = [];

    public uint? Umask { get; init; }

    public bool Terminal { get; init; }

    public bool NoNewPrivileges { get; init; }

    /// <summary>Capability names such as CAP_CHOWN; null means docker's default set.</summary>
    public IReadOnlyList<string>? Capabilities { get; init; }
}

public sealed record ContainerMount(string Target, Mount Mount);

public sealed record ResourceLimits
{
    public long? MemoryBytes { get; init; }
    public long? PidsLimit { get; init; }
    public double? Cpus { get; init; }
    public long? CpuShares { get; init; }
}

public enum NetworkMode
{
    /// <summary>A private network namespace with only loopback, up.</summary>
    None,

    /// <summary>The host's network namespace.</summary>
    Host,
}

/// <summary>Where the container's stdio goes: inherited fds, or pipes the caller reads (as RUN steps do for progress).</summary>
public sealed record ProcessIO
{
    public static ProcessIO Inherit { get; } = new();

    /// <summary>When set, stdout and stderr are captured and delivered line by line or chunk by chunk here.</summary>
    public Action<ReadOnlyMemory<byte>, bool>? OnOutput { get; init; }

    /// <summary>Stdin from /dev/null rather than inherited.</summary>
    public bool NullStdin { get; init; }

    /// <summary>
    /// With <see cref="ProcessSpec.Terminal"/>: the unix socket the pty master is sent to (runc's --console-socket).
    /// Without it, the runtime bridges the pty to our stdin/stdout (raw mode, window size) or to <see cref="OnOutput"/>.
    /// </summary>
    public string? ConsoleSocket { get; init; }
}

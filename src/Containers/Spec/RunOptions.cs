using Drydock.Runtime;

namespace Drydock.Containers.Spec;

/// <summary>`drydock run`'s flags, parsed but not yet applied to an image.</summary>
public sealed record RunOptions
{
    public required string Image { get; init; }

    /// <summary>The arguments after the image; empty means the image's Cmd.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>--entrypoint: replaces the image's Entrypoint and resets its Cmd; "" means no entrypoint.</summary>
    public string? Entrypoint { get; init; }

    public string? Name { get; init; }

    public bool Remove { get; init; }

    public bool Interactive { get; init; }

    public bool Tty { get; init; }

    public bool Detach { get; init; }

    /// <summary>-e values (K=V, or K to pass the caller's value through), applied after --env-file.</summary>
    public IReadOnlyList<string> Env { get; init; } = [];

    public IReadOnlyList<string> EnvFiles { get; init; } = [];

    /// <summary>-v SRC:DST[:ro|rw].</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    /// <summary>--tmpfs DST[:OPTIONS].</summary>
    public IReadOnlyList<string> Tmpfs { get; init; } = [];

    public string? WorkingDir { get; init; }

    public string? User { get; init; }

    public string? Hostname { get; init; }

    public NetworkMode Network { get; init; } = NetworkMode.None;

    public long? MemoryBytes { get; init; }

    public double? Cpus { get; init; }

    public long? PidsLimit { get; init; }

    public bool ReadOnly { get; init; }

    public IReadOnlyList<string> CapAdd { get; init; } = [];

    public IReadOnlyList<string> CapDrop { get; init; } = [];

    public bool Privileged { get; init; }

    public bool Init { get; init; }

    /// <summary>--runtime: an OCI runtime binary (runc, crun) instead of the bundled one.</summary>
    public string? Runtime { get; init; }
}

using Drydock.Core;
using Drydock.Runtime.Oci;

namespace Drydock.Runtime.Linux;

/// <summary>
/// Everything one start needs: the config, the mounts that make the root (a snapshotter's, or a bind of a
/// bundle's root.path), where to mount the root, the cgroup.procs files to join, and where a pty goes.
/// </summary>
internal sealed record LaunchRequest(string Id, OciConfig Config, IReadOnlyList<Mount> RootMounts, string RootfsDir)
{
    public IReadOnlyList<string> CgroupProcs { get; init; } = [];

    /// <summary>The console socket a pty master is sent to (runc's --console-socket); null sends it to Drydock.</summary>
    public string? ConsoleSocket { get; init; }

    /// <summary>`create` / `run -d`: drydock-init leaves the caller's session and the container outlives the caller.</summary>
    public bool Detach { get; init; }

    /// <summary>`create`: the fifo the process blocks on, just before exec, until `start` opens it.</summary>
    public string? ExecFifo { get; init; }

    /// <summary>Host paths of v1 hierarchies / the unified hierarchy, for a "cgroup" mount: (name under the mount, host dir).</summary>
    public IReadOnlyList<(string Name, string HostDir)> CgroupMountSources { get; init; } = [];

}

using Drydock.Core;
using Drydock.Runtime.Linux;

namespace Drydock.Runtime.Oci;

/// <summary>
/// A <see cref="ContainerSpec"/> as a runtime-spec config with docker's defaults (moby's oci/defaults.go):
/// the default capability set, masked and read-only /proc paths, /proc /dev /dev/pts /dev/shm /dev/mqueue /sys,
/// RLIMIT_NOFILE, and a private network namespace for <see cref="NetworkMode.None"/>. The same config runs
/// in Drydock's runtime and, written into a bundle, under runc or crun.
/// </summary>
public static class OciSpecBuilder
{
    /// <summary>Where `--init`'s reaping init (drydock-init) is bind-mounted in the container.</summary>
    public const string InitPathInContainer = "/dev/init";

    public static IReadOnlyList<string> DefaultMaskedPaths { get; } =
    [
        "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ];

    public static IReadOnlyList<string> DefaultReadonlyPaths { get; } =
        ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"];

    /// <param name="spec">What to run.</param>
    /// <param name="initPath">The host's drydock-init, needed only when <see cref="ContainerSpec.Init"/> is set.</param>
    /// <param name="rootPath">root.path of the config: the directory the root mounts are made on (a bundle's "rootfs").</param>
    public static OciConfig FromContainerSpec(ContainerSpec spec, string? initPath = null, string rootPath = "rootfs")
    {
        ArgumentNullException.ThrowIfNull(spec);
        ProcessSpec p = spec.Process;
        IReadOnlyList<string> caps = spec.Privileged ? Capabilities.All : [.. (p.Capabilities ?? Capabilities.DockerDefault).Select(Capabilities.Normalize)];
        var mounts = new List<OciMount>(DefaultMounts(spec.Privileged));
        foreach (ContainerMount m in spec.Mounts)
            mounts.Add(new OciMount { Destination = m.Target, Type = m.Mount.Type, Source = m.Mount.Source, Options = [.. m.Mount.Options] });
        IReadOnlyList<string> args = p.Args;
        if (spec.Init)
        {
            if (initPath is null) throw new DrydockException(ErrorKind.FailedPrecondition, "--init needs drydock-init, which was not found next to Drydock's runtime");
            mounts.Add(new OciMount { Destination = InitPathInContainer, Type = "bind", Source = initPath, Options = ["bind", "ro"] });
            args = [InitPathInContainer, "--", .. p.Args];
        }
        var namespaces = new List<OciNamespace> { new("pid"), new("ipc"), new("uts"), new("mount") };
        if (spec.Network == NetworkMode.None) namespaces.Add(new OciNamespace("network"));
        return new OciConfig
        {
            Root = new OciRoot { Path = rootPath, Readonly = spec.ReadOnlyRoot },
            Hostname = spec.Hostname ?? (spec.Network == NetworkMode.Host ? null : spec.Id[..Math.Min(12, spec.Id.Length)]),
            Mounts = mounts,
            Process = new OciProcess
            {
                Terminal = p.Terminal,
                Args = args,
                Env = p.Env,
                Cwd = p.Cwd,
                User = new OciUser { Uid = p.Uid, Gid = p.Gid, AdditionalGids = p.AdditionalGids.Count > 0 ? p.AdditionalGids : null, Umask = p.Umask },
                Capabilities = new OciCapabilities { Bounding = caps, Effective = caps, Permitted = caps },
                NoNewPrivileges = p.NoNewPrivileges,
                Rlimits = [new OciRlimit("RLIMIT_NOFILE", DefaultNoFile(), DefaultNoFile())],
            },
            Linux = new OciLinux
            {
                Namespaces = namespaces,
                MaskedPaths = spec.Privileged ? null : DefaultMaskedPaths,
                ReadonlyPaths = spec.Privileged ? null : DefaultReadonlyPaths,
                Resources = Resources(spec.Resources),
            },
        };
    }

    private static IEnumerable<OciMount> DefaultMounts(bool privileged)
    {
        yield return new OciMount { Destination = "/proc", Type = "proc", Source = "proc", Options = ["nosuid", "noexec", "nodev"] };
        yield return new OciMount { Destination = "/dev", Type = "tmpfs", Source = "tmpfs", Options = ["nosuid", "strictatime", "mode=755", "size=65536k"] };
        yield return new OciMount { Destination = "/dev/pts", Type = "devpts", Source = "devpts", Options = ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"] };
        yield return new OciMount { Destination = "/sys", Type = "sysfs", Source = "sysfs", Options = privileged ? ["nosuid", "noexec", "nodev"] : ["nosuid", "noexec", "nodev", "ro"] };
        yield return new OciMount { Destination = "/dev/mqueue", Type = "mqueue", Source = "mqueue", Options = ["nosuid", "noexec", "nodev"] };
        yield return new OciMount { Destination = "/dev/shm", Type = "tmpfs", Source = "shm", Options = ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"] };
    }

    private static OciResources? Resources(ResourceLimits r)
    {
        if (r.MemoryBytes is null && r.PidsLimit is null && r.Cpus is null && r.CpuShares is null) return null;
        return new OciResources
        {
            // no swap beyond the limit: --memory means what it says, even on a host with swap
            Memory = r.MemoryBytes is long m ? new OciMemory { Limit = m, Swap = m } : null,
            Pids = r.PidsLimit is long p ? new OciPids(p) : null,
            Cpu = r.Cpus is null && r.CpuShares is null ? null : new OciCpu
            {
                Shares = r.CpuShares is long s ? (ulong)s : null,
                Quota = r.Cpus is double c ? (long)Math.Round(c * 100000, MidpointRounding.AwayFromZero) : null,
                Period = r.Cpus is null ? null : 100000,
            },
        };
    }

    // docker passes the daemon's own nofile limit; never more than our hard limit, which setrlimit would refuse
    private static unsafe ulong DefaultNoFile()
    {
        Interop.Libc.RLimit limit;
        const ulong Docker = 1048576;
        if (!OperatingSystem.IsLinux()) return Docker;
        return Interop.Libc.getrlimit(Interop.Libc.RLIMIT_NOFILE, &limit) == 0 ? Math.Min(Docker, limit.Maximum) : 1024;
    }
}

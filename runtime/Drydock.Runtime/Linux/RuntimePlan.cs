using Drydock.Core;
using Drydock.Runtime.Oci;

namespace Drydock.Runtime.Linux;

/// <summary>
/// Turns a <see cref="LaunchRequest"/> into drydock-init's ordered operations. Every decision is made here, so
/// the order of mounts, their flags and the id maps are unit-tested without root; drydock-init only executes.
/// A config field the runtime cannot honour is refused here, before anything happens.
/// </summary>
internal static partial class RuntimePlan
{
    public const ulong CLONE_NEWNS = 0x20000, CLONE_NEWCGROUP = 0x02000000, CLONE_NEWUTS = 0x04000000, CLONE_NEWIPC = 0x08000000,
        CLONE_NEWUSER = 0x10000000, CLONE_NEWPID = 0x20000000, CLONE_NEWNET = 0x40000000;

    public static PlanWriter From(LaunchRequest request)
    {
        OciConfig config = request.Config;
        OciProcess process = config.Process ?? throw Invalid("config.json has no process");
        if (process.Args is not { Count: > 0 }) throw Invalid("process.args is empty");
        Refuse(config, process);
        (ulong cloneFlags, bool newCgroupNs) = Namespaces(config.Linux?.Namespaces);
        if ((cloneFlags & CLONE_NEWNS) == 0) throw new DrydockException(ErrorKind.Unsupported, "a container without a mount namespace is not supported: add {\"type\":\"mount\"} to linux.namespaces");
        if (config.Hostname is { Length: > 0 } && (cloneFlags & CLONE_NEWUTS) == 0) throw Invalid("hostname is set but there is no uts namespace");
        bool userNs = (cloneFlags & CLONE_NEWUSER) != 0;
        if (userNs != (config.Linux?.UidMappings is { Count: > 0 })) throw Invalid("a user namespace needs linux.uidMappings and gidMappings, and mappings need a user namespace");

        var plan = new PlanWriter();
        if (userNs) PreMountRoot(plan, request);
        plan.Op("clone", cloneFlags);
        if (request.Detach) plan.Op("detach");
        if (userNs)
        {
            plan.Op("uidmap", IdMap(config.Linux!.UidMappings!));
            plan.Op("gidmap", IdMap(config.Linux!.GidMappings ?? throw Invalid("linux.gidMappings is missing")));
        }
        foreach (string procs in request.CgroupProcs) plan.Op("cgroup", procs);
        plan.Op("child");
        if (userNs) plan.Op("becomeroot");

        RootFilesystem(plan, request, mounted: userNs);
        Mounts(plan, request);
        Devices(plan, config);
        if (request.ExecFifo is not null) plan.Op("execfifo", request.ExecFifo);
        if (process.Terminal && request.ConsoleSocket is not null) plan.Op("console", request.ConsoleSocket);
        plan.Op("pivot");
        if (newCgroupNs) plan.Op("unsharecgroup");
        if (config.Hostname is { Length: > 0 } hostname) plan.Op("hostname", hostname);
        if ((cloneFlags & CLONE_NEWNET) != 0) plan.Op("loopback");
        foreach ((string key, string value) in config.Linux?.Sysctl ?? new Dictionary<string, string>()) plan.Op("sysctl", key, value);
        foreach (string path in config.Linux?.MaskedPaths ?? []) plan.Op("mask", ContainerPath(path, "maskedPaths"));
        foreach (string path in config.Linux?.ReadonlyPaths ?? []) plan.Op("readonly", ContainerPath(path, "readonlyPaths"));
        if (config.Root?.Readonly == true || request.RootMounts.Any(m => m.IsReadOnly)) plan.Op("rootro");
        foreach (OciRlimit r in process.Rlimits ?? []) plan.Op("rlimit", Rlimits.Resource(r.Type), r.Soft, r.Hard);
        if (process.OomScoreAdj is int oom) plan.Op("oom", oom);
        if (process.Terminal) plan.Op("pty", process.ConsoleSize?.Height ?? 0, process.ConsoleSize?.Width ?? 0);
        else if (request.ConsoleSocket is not null) throw Invalid("--console-socket was given but process.terminal is false");
        Identity(plan, process);
        if (request.ExecFifo is not null) plan.Op("waitstart");
        plan.Op("exec", process.Args.Count);
        foreach (string a in process.Args) plan.Op(a);
        IReadOnlyList<string> env = process.Env ?? [];
        plan.Op(env.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (string e in env) plan.Op(e);
        return plan;
    }

    private static void RootFilesystem(PlanWriter plan, LaunchRequest request, bool mounted)
    {
        plan.Op("propagation", MountOptions.RootPropagation(request.Config.Linux?.RootfsPropagation));
        plan.Op("rootfs", request.RootfsDir);
        if (!mounted) MountRoot(plan, request);
        // mounts copied into a less privileged namespace are locked, and pivot_root refuses a locked new root:
        // a bind of the root onto itself, made in the container's namespace, is not locked (as runc does)
        else plan.Op("mountroot", request.RootfsDir, "", MountOptions.MS_BIND | MountOptions.MS_REC, "");
        plan.Op("openroot");
    }

    // a user namespace's child cannot mount the root itself: drydock-init mounts it before cloning (see drydock-init.c)
    private static void PreMountRoot(PlanWriter plan, LaunchRequest request)
    {
        plan.Op("premount", request.RootfsDir);
        MountRoot(plan, request);
    }

    private static void MountRoot(PlanWriter plan, LaunchRequest request)
    {
        if (request.RootMounts.Count == 0) throw Invalid("the container has no root filesystem mounts");
        foreach (Mount m in request.RootMounts)
        {
            MountOptions o = MountOptions.Parse(m.Type, m.Options, "/");
            // the root's read-only flag is applied after the other mounts are made under it ("rootro")
            ulong flags = o.Bind ? o.Flags & (MountOptions.MS_BIND | MountOptions.MS_REC) : o.Flags & ~MountOptions.MS_RDONLY;
            plan.Op("mountroot", m.Source, o.Bind ? "" : m.Type, flags, o.Data);
        }
    }

    private static void Mounts(PlanWriter plan, LaunchRequest request)
    {
        foreach (OciMount m in request.Config.Mounts ?? [])
        {
            string destination = ContainerPath(m.Destination, "mounts");
            if (m.UidMappings is { Count: > 0 } || m.GidMappings is { Count: > 0 })
                throw new DrydockException(ErrorKind.Unsupported, $"id-mapped mount '{destination}' is not supported");
            if (m.Type == "cgroup")
            {
                CgroupMount(plan, request, m, destination);
                continue;
            }
            MountOptions o = MountOptions.Parse(m.Type, m.Options, destination);
            string source = m.Source ?? m.Type ?? throw Invalid($"mount '{destination}' has neither type nor source");
            bool isFile = false;
            if (o.Bind)
            {
                if (!Path.IsPathRooted(source)) throw Invalid($"bind mount '{destination}' needs an absolute source, not '{source}'");
                isFile = File.Exists(source);
                if (!isFile && !Directory.Exists(source)) throw new DrydockException(ErrorKind.NotFound, $"bind mount source '{source}' for '{destination}' does not exist");
            }
            else if (m.Type is null) throw Invalid($"mount '{destination}' needs a type");
            plan.Op("mount", source, destination, m.Type ?? "", o.Flags, o.Propagation, o.Data, o.Bind, isFile);
        }
    }

    // runc's shape of a cgroup mount on v1: a tmpfs with each hierarchy bound below it; on v2: cgroup2 itself
    private static void CgroupMount(PlanWriter plan, LaunchRequest request, OciMount m, string destination)
    {
        MountOptions o = MountOptions.Parse("cgroup", m.Options, destination);
        ulong flags = o.Flags & ~(MountOptions.MS_BIND | MountOptions.MS_REC);
        if (request.CgroupMountSources is [("", string unified)])
        {
            plan.Op("mount", unified, destination, "", MountOptions.MS_BIND | MountOptions.MS_REC | flags, 0UL, "", true, false);
            return;
        }
        plan.Op("mount", "tmpfs", destination, "tmpfs", flags & ~MountOptions.MS_RDONLY, 0UL, "mode=755", false, false);
        foreach ((string name, string hostDir) in request.CgroupMountSources)
            plan.Op("mount", hostDir, destination + "/" + name, "", MountOptions.MS_BIND | MountOptions.MS_REC | flags, 0UL, "", true, false);
        if ((flags & MountOptions.MS_RDONLY) != 0)
            plan.Op("mount", "tmpfs", destination, "tmpfs", MountOptions.MS_REMOUNT | flags, 0UL, "mode=755", false, false);
    }

    private static void Devices(PlanWriter plan, OciConfig config)
    {
        bool devTmpfs = config.Mounts?.Any(m => m.Destination.TrimEnd('/') == "/dev" && m.Type != "bind" && !(m.Options?.Contains("bind") ?? false)) ?? false;
        var devices = new List<OciDevice>();
        if (devTmpfs) devices.AddRange(DefaultDevices);
        foreach (OciDevice d in config.Linux?.Devices ?? [])
        {
            devices.RemoveAll(x => x.Path == d.Path);
            devices.Add(d);
        }
        foreach (OciDevice d in devices)
        {
            uint type = d.Type switch
            {
                "c" or "u" => 0x2000u,
                "b" => 0x6000u,
                "p" => 0x1000u,
                _ => throw Invalid($"device '{d.Path}' has unknown type '{d.Type}'"),
            };
            plan.Op("mknod", ContainerPath(d.Path, "devices"), type | (d.FileMode ?? Rw), d.Major, d.Minor, d.Uid ?? 0u, d.Gid ?? 0u, d.Type == "p" ? "" : d.Path);
        }
        if (!devTmpfs) return;
        plan.Op("symlink", "/proc/self/fd", "/dev/fd").Op("symlink", "/proc/self/fd/0", "/dev/stdin")
            .Op("symlink", "/proc/self/fd/1", "/dev/stdout").Op("symlink", "/proc/self/fd/2", "/dev/stderr");
        if (File.Exists("/proc/kcore")) plan.Op("symlink", "/proc/kcore", "/dev/core");   // as runc: only where the kernel has one
        if (config.Mounts!.Any(m => m.Destination.TrimEnd('/') == "/dev/pts" && m.Type == "devpts")) plan.Op("symlink", "pts/ptmx", "/dev/ptmx");
    }

    private const uint Rw = 0x1B6;   // 0666

    /// <summary>runc's default devices (libcontainer/specconv AllowedDevices), made in every /dev tmpfs.</summary>
    internal static IReadOnlyList<OciDevice> DefaultDevices { get; } =
    [
        new() { Path = "/dev/null", Type = "c", Major = 1, Minor = 3, FileMode = Rw },
        new() { Path = "/dev/zero", Type = "c", Major = 1, Minor = 5, FileMode = Rw },
        new() { Path = "/dev/full", Type = "c", Major = 1, Minor = 7, FileMode = Rw },
        new() { Path = "/dev/random", Type = "c", Major = 1, Minor = 8, FileMode = Rw },
        new() { Path = "/dev/urandom", Type = "c", Major = 1, Minor = 9, FileMode = Rw },
        new() { Path = "/dev/tty", Type = "c", Major = 5, Minor = 0, FileMode = Rw },
    ];

    private static void Identity(PlanWriter plan, OciProcess process)
    {
        OciUser user = process.User;
        IReadOnlyList<uint> groups = user.AdditionalGids ?? [];
        plan.Op("identity", user.Uid, user.Gid, groups.Count);
        foreach (uint g in groups) plan.Op(g.ToString(System.Globalization.CultureInfo.InvariantCulture));
        OciCapabilities caps = process.Capabilities ?? new OciCapabilities();
        ulong ambient = Capabilities.Mask(caps.Ambient, "ambient"), permitted = Capabilities.Mask(caps.Permitted, "permitted");
        if ((ambient & ~permitted) != 0) throw Invalid("process.capabilities.ambient holds capabilities that are not permitted");
        // the kernel raises an ambient capability only if it is also inheritable (capabilities(7)), so it is made so
        ulong inheritable = Capabilities.Mask(caps.Inheritable, "inheritable") | ambient;
        foreach (ulong mask in (ulong[])[Capabilities.Mask(caps.Bounding, "bounding"), Capabilities.Mask(caps.Effective, "effective"), permitted, inheritable, ambient])
            plan.Op(mask.ToString(System.Globalization.CultureInfo.InvariantCulture));
        plan.Op(process.NoNewPrivileges ? "1" : "0");
        plan.Op(user.Umask is uint umask ? umask.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-1");
        plan.Op(string.IsNullOrEmpty(process.Cwd) ? "/" : ContainerPath(process.Cwd, "process.cwd"));
    }

    private static string IdMap(IReadOnlyList<OciIdMapping> maps)
        => string.Concat(maps.Select(m => $"{m.ContainerId} {m.HostId} {m.Size}\n"));

    private static string ContainerPath(string path, string field)
        => path.StartsWith('/') ? path : throw Invalid($"{field}: '{path}' is not an absolute path");

    internal static DrydockException Invalid(string message) => new(ErrorKind.InvalidArgument, "invalid container config: " + message);
}

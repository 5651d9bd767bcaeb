using Drydock.Core;
using Drydock.Runtime.Oci;

namespace Drydock.Runtime.Linux;

internal static partial class RuntimePlan
{
    // the fields of config.json this runtime reads but cannot honour: each is an error, never silently ignored
    private static void Refuse(OciConfig config, OciProcess process)
    {
        if (!config.OciVersion.StartsWith("1.", StringComparison.Ordinal)) throw Unsupported($"ociVersion '{config.OciVersion}'");
        if (config.Hooks is { } h && (h.Prestart ?? h.CreateRuntime ?? h.CreateContainer ?? h.StartContainer ?? h.Poststart ?? h.Poststop) is { Count: > 0 })
            throw Unsupported("hooks");
        if (!string.IsNullOrEmpty(config.Domainname)) throw Unsupported("domainname");
        if (!string.IsNullOrEmpty(process.ApparmorProfile)) throw Unsupported("process.apparmorProfile");
        if (!string.IsNullOrEmpty(process.SelinuxLabel)) throw Unsupported("process.selinuxLabel");
        if (!string.IsNullOrEmpty(process.User.Username)) throw Unsupported("process.user.username (Windows only)");
        if (!string.IsNullOrEmpty(process.CommandLine)) throw Unsupported("process.commandLine (Windows only)");
        if (process.Scheduler is not null) throw Unsupported("process.scheduler");
        if (process.IoPriority is not null) throw Unsupported("process.ioPriority");
        if (process.ExecCPUAffinity is not null) throw Unsupported("process.execCPUAffinity");
        if (config.Linux is { } linux)
        {
            if (linux.Seccomp is not null) throw Unsupported("linux.seccomp");
            if (!string.IsNullOrEmpty(linux.MountLabel)) throw Unsupported("linux.mountLabel");
            if (linux.Personality is not null) throw Unsupported("linux.personality");
            if (linux.IntelRdt is not null) throw Unsupported("linux.intelRdt");
            if (linux.TimeOffsets is not null) throw Unsupported("linux.timeOffsets");
        }
    }

    private static (ulong Flags, bool NewCgroupNs) Namespaces(IReadOnlyList<OciNamespace>? namespaces)
    {
        ulong flags = 0;
        bool cgroup = false;
        foreach (OciNamespace ns in namespaces ?? [])
        {
            if (!string.IsNullOrEmpty(ns.Path))
                throw Unsupported($"joining the existing {ns.Type} namespace '{ns.Path}'");
            ulong flag = ns.Type switch
            {
                "pid" => CLONE_NEWPID,
                "network" => CLONE_NEWNET,
                "mount" => CLONE_NEWNS,
                "ipc" => CLONE_NEWIPC,
                "uts" => CLONE_NEWUTS,
                "user" => CLONE_NEWUSER,
                "cgroup" => 0,
                "time" => throw Unsupported("the time namespace"),
                _ => throw Invalid($"unknown namespace type '{ns.Type}'"),
            };
            if (ns.Type == "cgroup") cgroup = true;
            if ((flags & flag) != 0 || (ns.Type == "cgroup" && namespaces!.Count(n => n.Type == "cgroup") > 1)) throw Invalid($"namespace '{ns.Type}' is listed twice");
            flags |= flag;
        }
        return (flags, cgroup);
    }

    private static DrydockException Unsupported(string what)
        => new(ErrorKind.Unsupported, $"{what} in config.json is not supported by Drydock's runtime");
}

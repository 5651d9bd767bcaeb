using Drydock.Core;

namespace Drydock.Containers.Spec;

/// <summary>docker's capability rules: the default set, --cap-add/--cap-drop by name with or without CAP_, and ALL.</summary>
public static class Capabilities
{
    /// <summary>The set docker gives a container (moby's oci/caps/defaults.go).</summary>
    public static IReadOnlyList<string> Default { get; } =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    /// <summary>Every capability Linux defines, in number order (capability.h).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
        "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
        "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
        "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
        "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>The resulting set, or null for the unchanged default (so the runtime applies its own default).</summary>
    public static IReadOnlyList<string>? Apply(IReadOnlyList<string> add, IReadOnlyList<string> drop)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(drop);
        if (add.Count == 0 && drop.Count == 0) return null;
        List<string> adds = add.Select(Normalize).ToList();
        List<string> drops = drop.Select(Normalize).ToList();
        // moby's TweakCapabilities: ALL in --cap-add starts from everything; ALL in --cap-drop from nothing
        var set = new List<string>(adds.Contains("ALL") ? All : drops.Contains("ALL") ? [] : Default);
        foreach (string c in drops) if (c != "ALL") set.Remove(c);
        foreach (string c in adds) if (c != "ALL" && !set.Contains(c)) set.Add(c);
        return set;
    }

    private static string Normalize(string name)
    {
        string upper = name.Trim().ToUpperInvariant();
        if (upper == "ALL") return upper;
        string cap = upper.StartsWith("CAP_", StringComparison.Ordinal) ? upper : "CAP_" + upper;
        if (!All.Contains(cap))
            throw new DrydockException(ErrorKind.InvalidArgument, $"invalid capability '{name}': run 'man 7 capabilities' for the list");
        return cap;
    }
}

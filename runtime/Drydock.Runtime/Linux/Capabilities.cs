using Drydock.Core;

namespace Drydock.Runtime.Linux;

/// <summary>Capability names (capabilities(7)) as bits, and docker's default set.</summary>
internal static class Capabilities
{
    private static readonly string[] s_names =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
        "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
        "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
        "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
        "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];

    /// <summary>moby's oci/caps/defaults.go.</summary>
    public static IReadOnlyList<string> DockerDefault { get; } =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID", "CAP_SETUID",
        "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ];

    public static IReadOnlyList<string> All => s_names;

    public static ulong Mask(IReadOnlyList<string>? names, string set)
    {
        ulong mask = 0;
        foreach (string name in names ?? [])
        {
            string full = name.StartsWith("CAP_", StringComparison.OrdinalIgnoreCase) ? name.ToUpperInvariant() : "CAP_" + name.ToUpperInvariant();
            int bit = Array.IndexOf(s_names, full);
            if (bit < 0) throw new DrydockException(ErrorKind.InvalidArgument, $"unknown capability '{name}' in the {set} set");
            mask |= 1UL << bit;
        }
        return mask;
    }

    /// <summary>Normalises a user's list (CHOWN, cap_chown, ALL) to CAP_ names, validating each.</summary>
    public static string Normalize(string name)
    {
        string full = name.StartsWith("CAP_", StringComparison.OrdinalIgnoreCase) ? name.ToUpperInvariant() : "CAP_" + name.ToUpperInvariant();
        if (Array.IndexOf(s_names, full) < 0) throw new DrydockException(ErrorKind.InvalidArgument, $"unknown capability '{name}'");
        return full;
    }
}

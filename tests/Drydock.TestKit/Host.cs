namespace Drydock.TestKit;

/// <summary>What the machine running the tests can do.</summary>
public static class Host
{
    public static bool IsCI => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || Environment.GetEnvironmentVariable("CI") == "1";

    public static bool IsRoot => Environment.IsPrivilegedProcess;

    /// <summary>Null when privileged tests can run (or must, in CI); otherwise why they are skipped.</summary>
    public static string? SkipReasonForPrivileged()
    {
        if (IsCI) return null;
        if (!IsRoot) return "needs root (mounts, namespaces, cgroups); run as root or with CI=true";
        if (!File.ReadAllText("/proc/filesystems").Contains("overlay", StringComparison.Ordinal))
            return "needs overlayfs (modprobe overlay)";
        return null;
    }

    /// <summary>Path of a tool on PATH, or null.</summary>
    public static string? Which(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':'))
        {
            string p = Path.Combine(dir, name);
            if (File.Exists(p)) return p;
        }
        return null;
    }
}

namespace Drydock.Runtime.Linux.Cgroups;

/// <summary>
/// The host's cgroup layout, read from /proc/self/mountinfo and /proc/self/cgroup: a unified (v2) hierarchy,
/// v1 hierarchies, or both (hybrid). A controller is used on v2 when the unified hierarchy offers it, else on v1.
/// </summary>
internal sealed class CgroupHost
{
    private static readonly Lazy<CgroupHost> s_current = new(() => Read(File.ReadAllLines("/proc/self/mountinfo"), File.ReadAllLines("/proc/self/cgroup")));

    public static CgroupHost Current => s_current.Value;

    /// <summary>Mount point of the unified hierarchy, or null.</summary>
    public string? UnifiedMount { get; private init; }

    /// <summary>The caller's own cgroup in the unified hierarchy ("/" when none).</summary>
    public string UnifiedOwnPath { get; private init; } = "/";

    /// <summary>v1: controller (memory, pids, cpu, devices, …) → (mount point, the caller's own cgroup path).</summary>
    public IReadOnlyDictionary<string, (string Mount, string OwnPath)> V1 { get; private init; } = new Dictionary<string, (string, string)>();

    /// <summary>The v1 mount points, each once (cpu,cpuacct mounted together appear once).</summary>
    public IReadOnlyList<(string Mount, string Name, string OwnPath)> V1Mounts { get; private init; } = [];

    public IReadOnlySet<string> UnifiedControllers { get; private init; } = new HashSet<string>();

    public static CgroupHost Read(IEnumerable<string> mountinfo, IEnumerable<string> procCgroup)
    {
        var own = new Dictionary<string, string>(StringComparer.Ordinal);
        string unifiedOwn = "/";
        foreach (string line in procCgroup)
        {
            string[] parts = line.Split(':', 3);
            if (parts.Length != 3) continue;
            if (parts[0] == "0" && parts[1].Length == 0) unifiedOwn = parts[2];
            else foreach (string c in parts[1].Split(',')) own[c] = parts[2];
        }
        string? unified = null;
        var v1 = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var v1Mounts = new List<(string, string, string)>();
        foreach (string line in mountinfo)
        {
            string[] f = line.Split(' ');
            int dash = Array.IndexOf(f, "-");
            if (dash < 0 || dash + 3 >= f.Length) continue;
            string mountPoint = f[4], fsType = f[dash + 1];
            if (fsType == "cgroup2") unified ??= mountPoint;
            else if (fsType == "cgroup")
            {
                string[] controllers = [.. f[dash + 3].Split(',').Where(o => o is not ("rw" or "ro" or "xattr" or "noprefix" or "clone_children" or "cpuset_v2_mode") && !o.Contains('=') || o.StartsWith("name=", StringComparison.Ordinal))];
                string key = controllers.FirstOrDefault(c => own.ContainsKey(c)) ?? "";
                string ownPath = own.GetValueOrDefault(key, "/");
                v1Mounts.Add((mountPoint, Path.GetFileName(mountPoint), ownPath));
                foreach (string c in controllers) v1.TryAdd(c, (mountPoint, own.GetValueOrDefault(c, ownPath)));
            }
        }
        HashSet<string> unifiedControllers = [];
        if (unified is not null)
        {
            try
            {
                unifiedControllers = [.. File.ReadAllText(Path.Combine(unified, "cgroup.controllers")).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)];
            }
            catch (IOException)
            {
            }
        }
        return new CgroupHost { UnifiedMount = unified, UnifiedOwnPath = unifiedOwn, V1 = v1, V1Mounts = v1Mounts, UnifiedControllers = unifiedControllers };
    }

    /// <summary>True when only the unified hierarchy is mounted (a pure cgroup v2 host).</summary>
    public bool IsUnifiedOnly => UnifiedMount is not null && V1.Count == 0;

    public bool UsesUnified(string controller) => UnifiedMount is not null && UnifiedControllers.Contains(controller);
}

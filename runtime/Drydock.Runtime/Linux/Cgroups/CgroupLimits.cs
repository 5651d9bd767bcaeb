using Drydock.Core;
using Drydock.Runtime.Oci;

namespace Drydock.Runtime.Linux.Cgroups;

/// <summary>linux.resources as cgroup files, per controller, in v1 or v2 spelling. Anything else is refused.</summary>
internal sealed class CgroupLimits
{
    private readonly Dictionary<string, List<(string V1File, string V1Value, string? V2File, string? V2Value)>> _byController = new(StringComparer.Ordinal);

    public bool IsEmpty => _byController.Count == 0;

    public IReadOnlyList<string> UnifiedControllers { get; private set; } = [];

    public static CgroupLimits From(OciResources? r, CgroupHost host)
    {
        var limits = new CgroupLimits();
        if (r is null) return limits;
        if (r.BlockIO is not null) throw Unsupported("blockIO");
        if (r.HugepageLimits is not null) throw Unsupported("hugepageLimits");
        if (r.Network is not null) throw Unsupported("network");
        if (r.Rdma is not null) throw Unsupported("rdma");
        if (r.Unified is { Count: > 0 }) throw Unsupported("unified");
        if (r.Memory is { } m)
        {
            if (m.Reservation is not null || m.Kernel is not null || m.KernelTcp is not null || m.Swappiness is not null || m.DisableOomKiller == true)
                throw Unsupported("memory fields other than limit and swap");
            if (m.Limit is long limit)
            {
                limits.Add("memory", "memory.limit_in_bytes", N(limit), "memory.max", N(limit));
                if (m.Swap is long swap)
                    limits.Add("memory", "memory.memsw.limit_in_bytes", N(swap), "memory.swap.max", swap < 0 ? "max" : N(Math.Max(0, swap - limit)));
            }
            else if (m.Swap is not null) throw Unsupported("memory.swap without memory.limit");
        }
        if (r.Pids is { } p) limits.Add("pids", "pids.max", p.Limit <= 0 ? "max" : N(p.Limit), "pids.max", p.Limit <= 0 ? "max" : N(p.Limit));
        if (r.Cpu is { } c)
        {
            if (c.RealtimePeriod is not null || c.RealtimeRuntime is not null || c.Burst is not null || c.Idle is not null || !string.IsNullOrEmpty(c.Cpus) || !string.IsNullOrEmpty(c.Mems))
                throw Unsupported("cpu fields other than shares, quota and period");
            if (c.Shares is ulong shares)
                limits.Add("cpu", "cpu.shares", N((long)shares), "cpu.weight", N(1 + (((long)shares - 2) * 9999 / 262142)));
            if (c.Quota is long quota)
            {
                long period = (long)(c.Period ?? 100000);
                limits.Add("cpu", "cpu.cfs_period_us", N(period), null, null);
                limits.Add("cpu", "cpu.cfs_quota_us", N(quota), "cpu.max", $"{(quota < 0 ? "max" : N(quota))} {N(period)}");
            }
        }
        if (r.Devices is { Count: > 0 } devices)
        {
            if (host.IsUnifiedOnly) throw new DrydockException(ErrorKind.Unsupported, "linux.resources.devices needs the v1 devices controller; on a cgroup v2 host it would need an eBPF program, which Drydock does not load");
            foreach (OciDeviceRule rule in devices)
            {
                string type = rule.Type ?? "a";
                string line = type == "a" && rule.Major is null && rule.Minor is null
                    ? "a"
                    : $"{type} {(rule.Major is long ma ? N(ma) : "*")}:{(rule.Minor is long mi ? N(mi) : "*")} {rule.Access ?? "rwm"}";
                limits.Add("devices", rule.Allow ? "devices.allow" : "devices.deny", line, null, null);
            }
        }
        return limits;
    }

    private void Add(string controller, string v1File, string v1Value, string? v2File, string? v2Value)
    {
        if (!_byController.TryGetValue(controller, out var list)) _byController[controller] = list = [];
        list.Add((v1File, v1Value, v2File, v2Value));
    }

    /// <summary>(hierarchy mount, cgroup directory, files to write) for each hierarchy the limits need.</summary>
    public IEnumerable<(string Hierarchy, string Dir, IReadOnlyList<(string File, string Value)> Files)> Placements(CgroupHost host, string path)
    {
        var unifiedFiles = new List<(string, string)>();
        var unifiedControllers = new List<string>();
        var v1 = new Dictionary<string, (string Mount, List<(string, string)> Files)>(StringComparer.Ordinal);
        foreach ((string controller, var files) in _byController)
        {
            if (controller != "devices" && host.UsesUnified(controller))
            {
                unifiedControllers.Add(controller);
                foreach (var f in files) if (f.V2File is not null) unifiedFiles.Add((f.V2File, f.V2Value!));
            }
            else if (host.V1.TryGetValue(controller, out var h))
            {
                string dir = Resolve(h.Mount, h.OwnPath, path);
                if (!v1.TryGetValue(dir, out var entry)) v1[dir] = entry = (h.Mount, []);
                var list = entry.Files;
                foreach (var f in files)
                {
                    // memsw exists only with swap accounting; without it there is no swap to limit
                    if (f.V1File == "memory.memsw.limit_in_bytes" && !File.Exists(Path.Combine(h.Mount, f.V1File))) continue;
                    list.Add((f.V1File, f.V1Value));
                }
            }
            else throw new DrydockException(ErrorKind.Unsupported, $"the cgroup controller '{controller}' is not available on this host");
        }
        UnifiedControllers = unifiedControllers;
        if (unifiedControllers.Count > 0 || (IsEmpty && host.UnifiedMount is not null))
            yield return (host.UnifiedMount!, Resolve(host.UnifiedMount!, host.UnifiedOwnPath, path), unifiedFiles);
        foreach ((string dir, var entry) in v1)
            yield return (entry.Mount, dir, entry.Files);
    }

    private static string Resolve(string mount, string ownPath, string path)
        => Path.GetFullPath(Path.Combine(mount, (path.StartsWith('/') ? path : Path.Combine(ownPath, path)).TrimStart('/')));

    private static string N(long value) => CgroupSet.Number(value);

    private static DrydockException Unsupported(string field)
        => new(ErrorKind.Unsupported, $"linux.resources.{field} is not supported by Drydock's runtime");
}

using Drydock.Core;

namespace Drydock.Solver.Executors;

/// <summary>
/// RUN --mount targets (and the runtime's own /proc, /dev and /sys) that do not exist in the root are created by the runtime as empty directories or
/// files; like BuildKit, we remove them after the step so they do not end up in the layer. Only the first
/// missing component of each target is recorded, and it is removed only when it holds nothing but empty
/// directories and empty files (what the runtime made).
/// </summary>
internal static class MountpointCleanup
{
    /// <summary>Where the runtime mounts proc, a /dev tmpfs and sysfs in every container: a base without them gets them only for the step.</summary>
    public static readonly IReadOnlyList<string> RuntimeTargets = ["/proc", "/dev", "/sys"];

    public static IReadOnlyList<string> Missing(IReadOnlyList<Mount> rootMounts, IEnumerable<string> targets)
    {
        var missing = new List<string>();
        foreach (string target in targets)
        {
            string current = "";
            foreach (string part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                current = current.Length == 0 ? part : current + "/" + part;
                if (RootfsFiles.Exists(rootMounts, current)) continue;
                if (!missing.Contains(current)) missing.Add(current);
                break;
            }
        }
        return missing;
    }

    public static void Remove(IReadOnlyList<Mount> rootMounts, IReadOnlyList<string> created)
    {
        if (created.Count == 0 || RootfsFiles.WritableLayer(rootMounts) is not { } top) return;
        foreach (string rel in created)
        {
            string path = Path.Combine(top, rel);
            if (File.Exists(path) && new FileInfo(path).Length == 0) File.Delete(path);
            else if (Directory.Exists(path) && OnlyEmpty(path)) Directory.Delete(path, recursive: true);
        }
    }

    private static bool OnlyEmpty(string dir)
        => Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).All(f => new FileInfo(f).Length == 0);
}

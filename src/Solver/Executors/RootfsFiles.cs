using Drydock.Core;

namespace Drydock.Solver.Executors;

/// <summary>
/// Reads a small file (/etc/passwd, /etc/group) of a snapshot without mounting it: the top-most directory of
/// its mounts (overlay upperdir, then lowerdirs in order, or a bind source) that has the file wins.
/// </summary>
internal static class RootfsFiles
{
    public static string? TryRead(IReadOnlyList<Mount> mounts, string relativePath)
    {
        foreach (string dir in Layers(mounts))
        {
            string path = Path.Combine(dir, relativePath);
            if (File.Exists(path)) return File.ReadAllText(path);
            if (Path.Exists(path)) return null;
        }
        return null;
    }

    /// <summary>Whether a path exists in any layer of the snapshot (whiteouts are not looked at: a deleted path may count as present).</summary>
    public static bool Exists(IReadOnlyList<Mount> mounts, string relativePath)
        => Layers(mounts).Any(dir => Path.Exists(Path.Combine(dir, relativePath)) || new FileInfo(Path.Combine(dir, relativePath)).LinkTarget is not null);

    /// <summary>The directory the snapshot's writes land in: the overlay upperdir or a writable bind's source.</summary>
    public static string? WritableLayer(IReadOnlyList<Mount> mounts)
    {
        if (mounts.Count == 0) return null;
        Mount top = mounts[^1];
        return top.Type == "overlay" ? top.Option("upperdir") : top.Type == "bind" && !top.IsReadOnly ? top.Source : null;
    }

    private static IEnumerable<string> Layers(IReadOnlyList<Mount> mounts)
    {
        foreach (Mount m in mounts.Reverse())
        {
            if (m.Type == "bind") yield return m.Source;
            else if (m.Type == "overlay")
            {
                if (m.Option("upperdir") is { } upper) yield return upper;
                foreach (string lower in (m.Option("lowerdir") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)) yield return lower;
            }
        }
    }
}

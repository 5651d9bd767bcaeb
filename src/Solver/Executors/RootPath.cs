using Drydock.Core;

namespace Drydock.Solver.Executors;

/// <summary>
/// Resolves a path inside a root directory as if the root were "/": symlinks met on the way are followed
/// relative to the root and ".." never climbs above it, so a COPY destination such as /bin/tool lands in
/// usr/bin when bin is a symlink, and a hostile link never points a write outside the snapshot.
/// </summary>
internal static class RootPath
{
    private const int MaxLinks = 40;

    /// <summary>The host path of <paramref name="path"/> under <paramref name="root"/>; the last component is not followed when it is a symlink unless <paramref name="followLast"/>.</summary>
    public static string Resolve(string root, string path, bool followLast = false)
    {
        var parts = new List<string>();
        var pending = new Stack<string>(Split(path).Reverse());
        int links = 0;
        while (pending.Count > 0)
        {
            string part = pending.Pop();
            if (part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }
            string candidate = Path.Combine(root, Path.Combine([.. parts, part]));
            bool isLast = pending.Count == 0;
            var info = new FileInfo(candidate);
            if (info.LinkTarget is { } target && (!isLast || followLast))
            {
                if (++links > MaxLinks) throw new DrydockException(ErrorKind.InvalidArgument, $"too many levels of symbolic links in '{path}'");
                if (target.StartsWith('/')) parts.Clear();
                foreach (string p in Split(target).Reverse()) pending.Push(p);
                continue;
            }
            parts.Add(part);
        }
        return parts.Count == 0 ? root : Path.Combine(root, Path.Combine([.. parts]));
    }

    private static IEnumerable<string> Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}

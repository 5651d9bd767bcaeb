using Drydock.Snapshotter.Layers;

namespace Drydock.Snapshotter.Diff;

/// <summary>
/// The changes that turn one tree into another, in layer order (a depth-first walk, siblings sorted by their
/// tar name). A path is unchanged when every field a layer records is equal: type, mode, uid, gid, size, mtime
/// to the nanosecond, link target, device numbers and layer xattrs; only when the mtime has no nanoseconds
/// (a filesystem with coarse timestamps) is the content compared too, as continuity's fs.Changes does. So a
/// file touched but not edited is changed (its mtime is part of the layer). A deleted path is one whiteout,
/// even for a whole directory. A directory is written when it changed itself or anything under it did, so
/// every entry has its parents in the layer, with the new tree's metadata.
/// </summary>
internal static class TreeComparer
{
    public static List<Change> Compare(LayeredTree lower, LayeredTree upper) => CompareDirectory("", lower, upper);

    public static List<Change> CompareDirectory(string dir, LayeredTree lower, LayeredTree upper)
    {
        var changes = new List<Change>();
        List<string> upperNames = upper.List(dir);
        List<string> lowerNames = lower.IsEmpty ? [] : lower.List(dir);
        var inUpper = new HashSet<string>(upperNames, StringComparer.Ordinal);
        var keys = new List<(string Key, string Name, bool Deleted)>(upperNames.Count + lowerNames.Count);
        foreach (string name in upperNames) keys.Add((name, name, false));
        foreach (string name in lowerNames) if (!inUpper.Contains(name)) keys.Add((".wh." + name, name, true));
        keys.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach ((_, string name, bool deleted) in keys)
        {
            string path = LayeredTree.Join(dir, name);
            if (deleted)
            {
                changes.Add(Change.Whiteout(path));
                continue;
            }
            if (upper.Stat(path) is not { } u) continue;
            (FileMeta Meta, string Source)? l = lower.IsEmpty ? null : lower.Stat(path);
            if (u.Meta.IsDirectory)
            {
                List<Change> below = l is { Meta.IsDirectory: true } ? CompareDirectory(path, lower, upper) : AddAll(path, upper);
                if (l is null || !l.Value.Meta.SameAs(u.Meta) || below.Count > 0)
                {
                    changes.Add(new Change(path, u.Meta, u.Source));
                    changes.AddRange(below);
                }
            }
            else if (l is null || !Same(l.Value, u))
            {
                changes.Add(new Change(path, u.Meta, u.Source));
            }
        }
        return changes;
    }

    /// <summary>Everything under directory <paramref name="dir"/> of <paramref name="tree"/>, as additions.</summary>
    public static List<Change> AddAll(string dir, LayeredTree tree) => CompareDirectory(dir, LayeredTree.Empty, tree);

    /// <summary>Non-directories: equal metadata, and equal content when the timestamps are too coarse to tell.</summary>
    public static bool Same((FileMeta Meta, string Source) a, (FileMeta Meta, string Source) b)
    {
        if (!a.Meta.SameAs(b.Meta)) return false;
        if (a.Meta.Kind != FileKind.Regular || a.Meta.MtimeNanoseconds != 0) return true;
        return SameContent(a.Source, b.Source);
    }

    private static bool SameContent(string a, string b)
    {
        using FileStream fa = new(a, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        using FileStream fb = new(b, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
        var ba = new byte[1 << 16];
        var bb = new byte[1 << 16];
        while (true)
        {
            int na = fa.ReadAtLeast(ba, ba.Length, throwOnEndOfStream: false);
            int nb = fb.ReadAtLeast(bb, bb.Length, throwOnEndOfStream: false);
            if (na != nb || !ba.AsSpan(0, na).SequenceEqual(bb.AsSpan(0, nb))) return false;
            if (na < ba.Length) return true;
        }
    }
}

using Drydock.Snapshotter.Layers;

namespace Drydock.Snapshotter.Diff;

/// <summary>
/// The merged tree of overlayfs layer directories (top-most first) read without mounting them, as
/// overlayfs would show it: the top-most layer that has a path wins; a 0/0 character device hides the path
/// below it; a non-directory or an opaque directory hides everything below it. With one layer and
/// <c>overlayWhiteouts</c> off this is just a directory.
/// </summary>
internal sealed class LayeredTree
{
    private readonly IReadOnlyList<string> _layers;
    private readonly bool _overlayWhiteouts;
    private readonly Dictionary<(int Layer, string Dir), bool> _hides = [];

    public LayeredTree(IReadOnlyList<string> layers, bool overlayWhiteouts)
    {
        _layers = layers;
        _overlayWhiteouts = overlayWhiteouts && layers.Count > 0;
    }

    public static LayeredTree Empty { get; } = new([], overlayWhiteouts: false);

    public bool IsEmpty => _layers.Count == 0;

    /// <summary>The entry at <paramref name="path"/> (relative, "" for the root) and the real path holding it, or null.</summary>
    public (FileMeta Meta, string Source)? Stat(string path)
    {
        string parent = Parent(path);
        for (int i = 0; i < _layers.Count; i++)
        {
            string full = Full(i, path);
            if (FileMeta.TryRead(full) is { } meta)
            {
                if (_overlayWhiteouts && meta.IsOverlayWhiteout) return null;
                return (meta, full);
            }
            if (path.Length == 0 || HidesBelow(i, parent)) return null;
        }
        return null;
    }

    /// <summary>The visible names in directory <paramref name="path"/>, sorted ordinally.</summary>
    public List<string> List(string path)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < _layers.Count; i++)
        {
            string full = Full(i, path);
            FileMeta? meta = FileMeta.TryRead(full);
            if (meta is null)
            {
                if (path.Length == 0 || HidesBelow(i, Parent(path))) break;
                continue;
            }
            if (!meta.IsDirectory) break;
            foreach (string entry in Directory.EnumerateFileSystemEntries(full)) names.Add(System.IO.Path.GetFileName(entry));
            if (_overlayWhiteouts && OverlayAttributes.IsOpaque(full)) break;
        }
        var visible = new List<string>(names.Count);
        foreach (string name in names)
            if (_layers.Count == 1 && !_overlayWhiteouts || Stat(Join(path, name)) is not null) visible.Add(name);
        visible.Sort(string.CompareOrdinal);
        return visible;
    }

    public static string Join(string dir, string name) => dir.Length == 0 ? name : dir + "/" + name;

    private static string Parent(string path)
    {
        int slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    private string Full(int layer, string path) => path.Length == 0 ? _layers[layer] : _layers[layer] + "/" + path;

    /// <summary>Whether layer <paramref name="layer"/> hides the layers below it for everything under <paramref name="dir"/>.</summary>
    private bool HidesBelow(int layer, string dir)
    {
        if (!_overlayWhiteouts) return false;
        if (_hides.TryGetValue((layer, dir), out bool known)) return known;
        string full = Full(layer, dir);
        bool hides;
        if (FileMeta.TryRead(full) is not { } meta) hides = dir.Length != 0 && HidesBelow(layer, Parent(dir));
        else if (!meta.IsDirectory) hides = true;
        else hides = OverlayAttributes.IsOpaque(full) || (dir.Length != 0 && HidesBelow(layer, Parent(dir)));
        _hides[(layer, dir)] = hides;
        return hides;
    }
}

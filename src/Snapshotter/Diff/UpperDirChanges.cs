using Drydock.Core;
using Drydock.Snapshotter.Layers;

namespace Drydock.Snapshotter.Diff;

/// <summary>
/// The changes of an overlay snapshot read from its own layer directory alone, in the manner of BuildKit's
/// overlay differ (util/overlay): O(changed files). A 0/0 character device becomes a whiteout of what it
/// hides; an opaque directory is compared in full against the lower layers (so it yields the same
/// whiteouts as the comparing differ, not a .wh..wh..opq marker); copy-ups whose metadata equals the lower
/// entry are left out, so the layer is the one <see cref="TreeComparer"/> would produce for the same change.
/// </summary>
internal sealed class UpperDirChanges
{
    private readonly string _upperDir;
    private readonly LayeredTree _lower;
    private readonly LayeredTree _merged;
    private readonly LayeredTree _upperOnly;

    public UpperDirChanges(string upperDir, IReadOnlyList<string> lowerLayers)
    {
        _upperDir = upperDir;
        _lower = new LayeredTree(lowerLayers, overlayWhiteouts: true);
        _merged = new LayeredTree([upperDir, .. lowerLayers], overlayWhiteouts: true);
        _upperOnly = new LayeredTree([upperDir], overlayWhiteouts: true);
    }

    public List<Change> Compute() => Walk("");

    private List<Change> Walk(string dir)
    {
        var changes = new List<Change>();
        string full = dir.Length == 0 ? _upperDir : _upperDir + "/" + dir;
        var entries = new List<(string Key, string Name, FileMeta Meta)>();
        foreach (string entry in Directory.EnumerateFileSystemEntries(full))
        {
            string name = Path.GetFileName(entry);
            if (FileMeta.TryRead(entry) is not { } meta) continue;
            entries.Add((meta.IsOverlayWhiteout ? ".wh." + name : name, name, meta));
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach ((_, string name, FileMeta u) in entries)
        {
            string path = LayeredTree.Join(dir, name);
            string source = full + "/" + name;
            (FileMeta Meta, string Source)? l = _lower.Stat(path);
            if (u.IsOverlayWhiteout)
            {
                if (l is not null) changes.Add(Change.Whiteout(path));
                continue;
            }
            if (!u.IsDirectory)
            {
                if (l is null || !TreeComparer.Same(l.Value, (u, source))) changes.Add(new Change(path, u, source));
                continue;
            }
            if (OverlayAttributes.IsRedirected(source))
                throw new DrydockException(ErrorKind.Unsupported, $"failed to diff '{_upperDir}': directory '{path}' was renamed with overlayfs redirect_dir, which the differ does not follow");
            List<Change> below = l is not { Meta.IsDirectory: true } ? TreeComparer.AddAll(path, _upperOnly)
                : OverlayAttributes.IsOpaque(source) ? TreeComparer.CompareDirectory(path, _lower, _merged)
                : Walk(path);
            if (l is null || !l.Value.Meta.SameAs(u) || below.Count > 0)
            {
                changes.Add(new Change(path, u, source));
                changes.AddRange(below);
            }
        }
        return changes;
    }
}

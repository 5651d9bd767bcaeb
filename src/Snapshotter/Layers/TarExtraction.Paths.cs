using Drydock.Core;

namespace Drydock.Snapshotter.Layers;

internal sealed partial class TarExtraction
{
    private const int MaxSymlinks = 40;

    /// <summary>
    /// Cleans an entry name relative to the root: a leading '/' and '.' components go, '..' pops a component,
    /// and a '..' that would leave the root is refused (containerd would silently clamp it; we say so instead).
    /// </summary>
    internal static string CleanOrThrow(string name, string entryForMessage)
        => Clean(name, clampAtRoot: false) ?? throw Escapes(entryForMessage);

    /// <summary>The cleaned relative path, or null when '..' leaves the root and <paramref name="clampAtRoot"/> is false.</summary>
    internal static string? Clean(string name, bool clampAtRoot)
    {
        var parts = new List<string>();
        foreach (string part in name.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                else if (!clampAtRoot) return null;
                continue;
            }
            parts.Add(part);
        }
        return string.Join('/', parts);
    }

    /// <summary>
    /// The symlink-free path (relative to the root) of directory <paramref name="dir"/>, resolving symlinks met on
    /// the way as if the root were '/' (RESOLVE_IN_ROOT semantics), so nothing outside the root is ever reached.
    /// Missing directories are created (0755) when <paramref name="create"/> is set; otherwise null is returned.
    /// </summary>
    private string ResolveDirectory(string dir, bool create) => ResolveDirectory(dir, create, 0)!;

    private string? ResolveDirectory(string dir, bool create, int depth)
    {
        if (dir.Length == 0) return "";
        if (_dirs.TryGetValue(dir, out string? known)) return known;
        if (depth > MaxSymlinks) throw new DrydockException(ErrorKind.DataCorrupted, $"too many levels of symbolic links resolving '{dir}'");
        int slash = dir.LastIndexOf('/');
        string? parent = ResolveDirectory(slash < 0 ? "" : dir[..slash], create, depth);
        if (parent is null) return null;
        string name = slash < 0 ? dir : dir[(slash + 1)..];
        string candidate = parent.Length == 0 ? name : parent + "/" + name;
        string full = _root + "/" + candidate;
        string? resolved;
        if (!Interop.LayerFiles.TryLstat(full, out Interop.LayerFiles.Stat st, out int errno))
        {
            if (errno != Interop.LayerFiles.ENOENT) Interop.ThrowIfError(-1, "lstat", full);
            if (!create) return null;
            Interop.ThrowIfError(Interop.LayerFiles.mkdir_layers(full, 0x1ED), "mkdir", full);
            _unpacked?.Add(candidate);
            resolved = candidate;
        }
        else
        {
            resolved = FileMeta.KindOf(st.Mode) switch
            {
                FileKind.Directory => candidate,
                FileKind.Symlink => ResolveSymlinkDirectory(parent, Interop.LayerFiles.ReadLink(full), create, depth + 1),
                _ => throw new DrydockException(ErrorKind.DataCorrupted, $"'{candidate}' is not a directory"),
            };
            if (resolved is null) return null;
        }
        _dirs[dir] = resolved;
        return resolved;
    }

    private string? ResolveSymlinkDirectory(string linkParent, string target, bool create, int depth)
    {
        string joined = target.StartsWith('/') ? target : linkParent + "/" + target;
        string cleaned = Clean(joined, clampAtRoot: true)!;   // '..' above the root stays at the root, as in a chroot
        return ResolveDirectory(cleaned, create, depth);
    }

    /// <summary>Forgets resolved directories: something that may have been one of them was removed or replaced.</summary>
    private void InvalidateDirectories() => _dirs.Clear();
}

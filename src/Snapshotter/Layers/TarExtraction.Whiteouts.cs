using Drydock.Core;

namespace Drydock.Snapshotter.Layers;

// OCI image-spec layer.md, "Whiteouts": .wh.NAME deletes NAME of lower layers; .wh..wh..opq hides every lower
// entry of its directory. Entries of this same layer survive, whatever their order relative to the marker.
internal sealed partial class TarExtraction
{
    private const string AufsMetaPrefix = ".wh..wh.";

    private void ApplyWhiteout(string dir, string baseName, TarHeader h)
    {
        if (baseName == OpaqueMarker)
        {
            ApplyOpaque(dir);
            return;
        }
        if (baseName.StartsWith(AufsMetaPrefix, StringComparison.Ordinal)) return;   // aufs bookkeeping (.wh..wh.plnk)
        string target = baseName[WhiteoutPrefix.Length..];
        if (target is "" or "." or "..") throw new DrydockException(ErrorKind.DataCorrupted, $"entry '{h.Name}' is not a valid whiteout");
        if (_mode == ExtractMode.Overlay)
        {
            // overlayfs: a whiteout is a character device 0/0 (Documentation/filesystems/overlayfs.rst)
            string path = Join(ResolveDirectory(dir, create: true), target);
            RemoveExisting(path, keepDirectory: false);
            Interop.ThrowIfError(Interop.LayerFiles.mknod_layers(path, Interop.LayerFiles.S_IFCHR, 0), "mknod whiteout", path);
            return;
        }
        string? realDir = ResolveDirectory(dir, create: false, 0);
        if (realDir is null) return;
        string victim = Join(realDir, target);
        if (Interop.LayerFiles.TryLstat(victim, out Interop.LayerFiles.Stat st, out _)) RemoveTree(victim, FileMeta.KindOf(st.Mode));
    }

    private void ApplyOpaque(string dir)
    {
        if (_mode == ExtractMode.Overlay)
        {
            string realDir = ResolveDirectory(dir, create: true);
            Interop.LayerFiles.SetXattr(realDir.Length == 0 ? _root : _root + "/" + realDir, "trusted.overlay.opaque", "y"u8);
            return;
        }
        string? resolved = ResolveDirectory(dir, create: false, 0);
        if (resolved is not null) RemoveOlderEntries(resolved.Length == 0 ? _root : _root + "/" + resolved);
    }

    /// <summary>containerd's plain-mode opaque: remove what this layer did not unpack, descending into what it did.</summary>
    private void RemoveOlderEntries(string directory)
    {
        foreach (string entry in Directory.EnumerateFileSystemEntries(directory))
        {
            if (!Interop.LayerFiles.TryLstat(entry, out Interop.LayerFiles.Stat st, out _)) continue;
            FileKind kind = FileMeta.KindOf(st.Mode);
            if (!_unpacked!.Contains(Relative(entry))) RemoveTree(entry, kind);
            else if (kind == FileKind.Directory) RemoveOlderEntries(entry);
        }
    }
}

using System.Runtime.InteropServices;
using Drydock.Core;
using Microsoft.Win32.SafeHandles;

namespace Drydock.Snapshotter.Layers;

internal sealed partial class TarExtraction
{
    private const long PreallocateFrom = 1 << 20;

    private void CreateDirectory(string path, TarHeader h)
    {
        if (!RemoveExisting(path, keepDirectory: true))
            Interop.ThrowIfError(Interop.LayerFiles.mkdir_layers(path, 0x1C0), "mkdir", path);
        SetMetadata(path, h, FileKind.Directory);
    }

    private void CreateFile(string path, TarHeader h, LayerTarReader reader)
    {
        RemoveExisting(path, keepDirectory: false);
        using (SafeFileHandle file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None,
            preallocationSize: h.Size >= PreallocateFrom ? h.Size : 0))
        {
            long offset = 0;
            while (reader.DataRemaining > 0)
            {
                ReadOnlySpan<byte> chunk = reader.ReadData();
                RandomAccess.Write(file, chunk, offset);
                offset += chunk.Length;
            }
        }
        SetMetadata(path, h, FileKind.Regular);
    }

    private void CreateSymlink(string path, TarHeader h)
    {
        RemoveExisting(path, keepDirectory: false);
        Interop.ThrowIfError(Interop.LayerFiles.symlink_layers(h.LinkName, path), "symlink", path);
        SetMetadata(path, h, FileKind.Symlink);
    }

    private void CreateHardlink(string path, TarHeader h)
    {
        string target = Clean(h.LinkName, clampAtRoot: false)
            ?? throw new DrydockException(ErrorKind.DataCorrupted, $"entry '{h.Name}' links to '{h.LinkName}', which escapes the target directory");
        int slash = target.LastIndexOf('/');
        string? dir = ResolveDirectory(slash < 0 ? "" : target[..slash], create: false, 0);
        string? full = dir is null || target.Length == 0 ? null : Join(dir, slash < 0 ? target : target[(slash + 1)..]);
        if (full is null || !Interop.LayerFiles.TryLstat(full, out Interop.LayerFiles.Stat st, out _) || FileMeta.KindOf(st.Mode) == FileKind.Directory)
            throw new DrydockException(ErrorKind.DataCorrupted, $"entry '{h.Name}' links to '{h.LinkName}', which is not a file in the layer");
        if (full == path) return;
        RemoveExisting(path, keepDirectory: false);
        Interop.ThrowIfError(Interop.LayerFiles.link_layers(full, path), "link", path);
    }

    private void CreateNode(string path, TarHeader h)
    {
        RemoveExisting(path, keepDirectory: false);
        uint type = h.TypeFlag switch
        {
            TarHeader.TypeChar => Interop.LayerFiles.S_IFCHR,
            TarHeader.TypeBlock => Interop.LayerFiles.S_IFBLK,
            _ => Interop.LayerFiles.S_IFIFO,
        };
        ulong dev = type == Interop.LayerFiles.S_IFIFO ? 0 : Interop.LayerFiles.MakeDev(h.DevMajor, h.DevMinor);
        Interop.ThrowIfError(Interop.LayerFiles.mknod_layers(path, type | (h.Mode & 0x1FF), dev), "mknod", path);
        SetMetadata(path, h, FileKind.Fifo);
    }

    /// <summary>
    /// Owner first, then mode (chown clears setuid/setgid), xattrs, and mtime (directories' at the end).
    /// An unprivileged extraction keeps its own uid, as tar does for non-root users.
    /// </summary>
    private void SetMetadata(string path, TarHeader h, FileKind kind)
    {
        if (Interop.LayerFiles.lchown_layers(path, (uint)h.Uid, (uint)h.Gid) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (_privileged || errno != Interop.LayerFiles.EPERM) throw new UnixIOException("lchown", path, errno);
        }
        if (kind != FileKind.Symlink) Interop.ThrowIfError(Interop.LayerFiles.chmod_layers(path, h.Mode & 0xFFF), "chmod", path);
        foreach ((string name, byte[] value) in h.Xattrs)
        {
            // a layer never forges overlayfs's own metadata
            if (name.StartsWith("trusted.overlay.", StringComparison.Ordinal) || name.StartsWith("user.overlay.", StringComparison.Ordinal)) continue;
            int errno = Interop.LayerFiles.TrySetXattr(path, name, value);
            // like containerd, an xattr the filesystem or our privileges cannot hold is dropped, not fatal
            if (errno is not (0 or Interop.LayerFiles.ENOTSUP or Interop.LayerFiles.EPERM)) throw new UnixIOException($"lsetxattr {name}", path, errno);
        }
        if (kind == FileKind.Directory) _dirTimes.Add((path, h.MtimeSeconds, h.MtimeNanoseconds));
        else Interop.LayerFiles.SetTimes(path, h.MtimeSeconds, h.MtimeNanoseconds);
    }

    /// <summary>Removes what is at <paramref name="path"/>; true when it is a directory that was kept.</summary>
    private bool RemoveExisting(string path, bool keepDirectory)
    {
        if (!Interop.LayerFiles.TryLstat(path, out Interop.LayerFiles.Stat st, out _)) return false;
        FileKind kind = FileMeta.KindOf(st.Mode);
        if (kind == FileKind.Directory && keepDirectory) return true;
        RemoveTree(path, kind);
        return false;
    }

    private void RemoveTree(string path, FileKind kind)
    {
        if (kind == FileKind.Directory) Directory.Delete(path, recursive: true);   // never follows symlinks inside
        else Interop.ThrowIfError(Interop.LayerFiles.unlink_layers(path), "unlink", path);
        if (kind is FileKind.Directory or FileKind.Symlink) InvalidateDirectories();
    }
}

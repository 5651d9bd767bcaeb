
namespace Drydock.Snapshotter.Layers;

/// <summary>
/// What a layer records about one tree entry (and what the differs compare): lstat fields, the link target
/// and the xattrs a layer carries. <see cref="Xattrs"/> is sorted by name.
/// </summary>
internal sealed record FileMeta(
    FileKind Kind, uint Mode, uint Uid, uint Gid, long Size, long MtimeSeconds, uint MtimeNanoseconds,
    uint DevMajor, uint DevMinor, string? LinkTarget, IReadOnlyList<KeyValuePair<string, byte[]>> Xattrs,
    ulong Inode, ulong Device, uint Nlink)
{
    /// <summary>Permission bits with setuid, setgid and sticky.</summary>
    public uint Permissions => Mode & 0xFFF;

    public bool IsDirectory => Kind == FileKind.Directory;

    /// <summary>An overlayfs whiteout: a character device 0/0.</summary>
    public bool IsOverlayWhiteout => Kind == FileKind.CharDevice && DevMajor == 0 && DevMinor == 0;

    /// <summary>
    /// The metadata a layer records is equal. Inode, device and link count are identity, not content, and are
    /// ignored. Content of regular files is not compared here: see <see cref="TreeComparer"/>.
    /// </summary>
    public bool SameAs(FileMeta other)
    {
        if (Kind != other.Kind || Mode != other.Mode || Uid != other.Uid || Gid != other.Gid) return false;
        if (MtimeSeconds != other.MtimeSeconds || MtimeNanoseconds != other.MtimeNanoseconds) return false;
        if (Kind == FileKind.Regular && Size != other.Size) return false;
        if (DevMajor != other.DevMajor || DevMinor != other.DevMinor) return false;
        if (!string.Equals(LinkTarget, other.LinkTarget, StringComparison.Ordinal)) return false;
        if (Xattrs.Count != other.Xattrs.Count) return false;
        for (int i = 0; i < Xattrs.Count; i++)
        {
            if (!string.Equals(Xattrs[i].Key, other.Xattrs[i].Key, StringComparison.Ordinal)) return false;
            if (!Xattrs[i].Value.AsSpan().SequenceEqual(other.Xattrs[i].Value)) return false;
        }
        return true;
    }

    /// <summary>lstat of <paramref name="path"/> plus its link target and layer xattrs; null when it does not exist.</summary>
    public static FileMeta? TryRead(string path)
    {
        if (!Interop.LayerFiles.TryLstat(path, out Interop.LayerFiles.Stat st, out int errno))
        {
            if (errno is Interop.LayerFiles.ENOENT or 20) return null;   // ENOTDIR: a parent is not a directory
            Interop.ThrowIfError(-1, "lstat", path);
        }
        FileKind kind = KindOf(st.Mode);
        string? link = kind == FileKind.Symlink ? Interop.LayerFiles.ReadLink(path) : null;
        return new FileMeta(kind, st.Mode & 0xFFF, st.Uid, st.Gid, kind == FileKind.Regular ? st.Size : 0,
            st.MtimeSeconds, st.MtimeNanoseconds, st.RdevMajor, st.RdevMinor, link, LayerXattrs.Read(path),
            st.Ino, ((ulong)st.DevMajor << 32) | st.DevMinor, st.Nlink);
    }

    public static FileKind KindOf(uint mode) => (mode & Interop.LayerFiles.S_IFMT) switch
    {
        Interop.LayerFiles.S_IFDIR => FileKind.Directory,
        Interop.LayerFiles.S_IFLNK => FileKind.Symlink,
        Interop.LayerFiles.S_IFCHR => FileKind.CharDevice,
        Interop.LayerFiles.S_IFBLK => FileKind.BlockDevice,
        Interop.LayerFiles.S_IFIFO => FileKind.Fifo,
        Interop.LayerFiles.S_IFSOCK => FileKind.Socket,
        _ => FileKind.Regular,
    };
}

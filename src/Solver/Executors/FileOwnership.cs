using System.Runtime.InteropServices;

namespace Drydock.Solver.Executors;

/// <summary>Owners and inode numbers, which System.IO does not expose: lchown(2) and statx(2) without following a final symlink.</summary>
internal static class FileOwnership
{
    public static void Chown(string path, uint uid, uint gid)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("builds run on Linux only");
        Interop.ThrowIfError(Interop.Libc.lchown_solver(path, uid, gid), "lchown", path);
    }

    /// <summary>Owner, group and inode of <paramref name="path"/> (the link itself for a symlink).</summary>
    public static (uint Uid, uint Gid, ulong Inode) Stat(string path)
    {
        FileStat s = StatFull(path);
        return (s.Uid, s.Gid, s.Inode);
    }

    /// <summary>Everything a checksum or a copy needs about a path in one statx(2) call, without following a final symlink.</summary>
    public static unsafe FileStat StatFull(string path)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("builds run on Linux only");
        byte* buffer = stackalloc byte[256];
        Interop.ThrowIfError(Interop.Libc.statx_solver(Interop.Libc.AT_FDCWD, path, Interop.Libc.AT_SYMLINK_NOFOLLOW, Interop.Libc.STATX_BASIC_STATS, buffer), "statx", path);
        var span = new ReadOnlySpan<byte>(buffer, 256);
        // struct statx (include/uapi/linux/stat.h): uid 20, gid 24, mode 28, ino 32, size 40, ctime 96 / 104 and mtime 112 (sec) / 120 (nsec)
        return new FileStat(
            MemoryMarshal.Read<uint>(span[20..]),
            MemoryMarshal.Read<uint>(span[24..]),
            MemoryMarshal.Read<ushort>(span[28..]),
            MemoryMarshal.Read<ulong>(span[32..]),
            MemoryMarshal.Read<long>(span[40..]),
            MemoryMarshal.Read<long>(span[112..]) * 1_000_000_000 + MemoryMarshal.Read<uint>(span[120..]))
        {
            CTimeNanoseconds = MemoryMarshal.Read<long>(span[96..]) * 1_000_000_000 + MemoryMarshal.Read<uint>(span[104..]),
        };
    }
}

/// <summary>A path's owner, type and permission bits (st_mode), inode, size and mtime in nanoseconds since the epoch.</summary>
internal readonly record struct FileStat(uint Uid, uint Gid, int Mode, ulong Inode, long Size, long MTimeNanoseconds)
{
    /// <summary>The inode's last status change (content, mode, owner, links), in nanoseconds since the epoch; it cannot be set back.</summary>
    public long CTimeNanoseconds { get; init; }

    public bool IsDirectory => (Mode & 0xF000) == 0x4000;

    public bool IsSymlink => (Mode & 0xF000) == 0xA000;

    public bool IsRegular => (Mode & 0xF000) == 0x8000;

    public int Permissions => Mode & 0xFFF;
}

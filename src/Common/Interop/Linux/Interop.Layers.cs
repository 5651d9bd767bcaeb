using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

/// <summary>
/// File, xattr and device syscalls of the layer room (tar writer, applier, differs). They live in their own
/// nested class so the names cannot clash with Interop.Libc declarations linked into the same assembly.
/// </summary>
internal static partial class Interop
{
    [SupportedOSPlatform("linux")]
    internal static unsafe partial class LayerFiles
    {
        internal const int AT_FDCWD = -100;
        internal const int AT_SYMLINK_NOFOLLOW = 0x100;
        internal const uint STATX_BASIC_STATS = 0x7ff;
        internal const int ENOENT = 2;
        internal const int EPERM = 1;
        internal const int ENODATA = 61;
        internal const int ENOTSUP = 95;
        internal const int ERANGE = 34;
        internal const uint S_IFMT = 0xF000, S_IFSOCK = 0xC000, S_IFLNK = 0xA000, S_IFREG = 0x8000, S_IFBLK = 0x6000;
        internal const uint S_IFDIR = 0x4000, S_IFCHR = 0x2000, S_IFIFO = 0x1000;

        /// <summary>The fields of struct statx we use.</summary>
        internal readonly record struct Stat(uint Mode, uint Uid, uint Gid, uint Nlink, ulong Ino, long Size,
            long MtimeSeconds, uint MtimeNanoseconds, uint RdevMajor, uint RdevMinor, uint DevMajor, uint DevMinor);

        // statx(2): https://man7.org/linux/man-pages/man2/statx.2.html — one layout on every architecture,
        // so the fields are read at their fixed offsets from a 256-byte buffer.
        [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        private static partial int statx_layers(int dirfd, string path, int flags, uint mask, byte* buffer);

        /// <summary>lstat via statx; false (errno in <paramref name="errno"/>) when it fails.</summary>
        internal static bool TryLstat(string path, out Stat stat, out int errno)
        {
            byte* b = stackalloc byte[256];
            if (statx_layers(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, b) != 0)
            {
                errno = Marshal.GetLastPInvokeError();
                stat = default;
                return false;
            }
            errno = 0;
            stat = new Stat(*(ushort*)(b + 28), *(uint*)(b + 20), *(uint*)(b + 24), *(uint*)(b + 16), *(ulong*)(b + 32),
                *(long*)(b + 40), *(long*)(b + 112), *(uint*)(b + 120), *(uint*)(b + 128), *(uint*)(b + 132),
                *(uint*)(b + 136), *(uint*)(b + 140));
            return true;
        }

        // listxattr(2) / getxattr(2) / setxattr(2), the l* forms act on a symlink itself.
        [LibraryImport("libc", EntryPoint = "llistxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        private static partial nint llistxattr_layers(string path, byte* list, nint size);

        [LibraryImport("libc", EntryPoint = "lgetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        private static partial nint lgetxattr_layers(string path, string name, byte* value, nint size);

        [LibraryImport("libc", EntryPoint = "lsetxattr", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        private static partial int lsetxattr_layers(string path, string name, byte* value, nint size, int flags);

        /// <summary>The xattr names of <paramref name="path"/>; empty when the filesystem has none or no support.</summary>
        internal static List<string> ListXattrs(string path)
        {
            var names = new List<string>();
            byte* small = stackalloc byte[1024];
            nint n = llistxattr_layers(path, small, 1024);
            byte[]? big = null;
            while (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno is ENOTSUP or ENODATA) return names;
                if (errno != ERANGE) ThrowIfError(-1, "llistxattr", path);
                nint need = llistxattr_layers(path, null, 0);
                ThrowIfError(need == -1 ? -1 : 0, "llistxattr", path);
                big = new byte[need + 64];
                fixed (byte* p = big) n = llistxattr_layers(path, p, big.Length);
            }
            ReadOnlySpan<byte> list = big is null ? new ReadOnlySpan<byte>(small, (int)n) : big.AsSpan(0, (int)n);
            while (!list.IsEmpty)
            {
                int z = list.IndexOf((byte)0);
                if (z < 0) z = list.Length;
                if (z > 0) names.Add(Encoding.UTF8.GetString(list[..z]));
                list = z < list.Length ? list[(z + 1)..] : default;
            }
            return names;
        }

        /// <summary>The value of one xattr, or null when it is absent.</summary>
        internal static byte[]? GetXattr(string path, string name)
        {
            byte* small = stackalloc byte[512];
            nint n = lgetxattr_layers(path, name, small, 512);
            if (n >= 0) return new ReadOnlySpan<byte>(small, (int)n).ToArray();
            int errno = Marshal.GetLastPInvokeError();
            if (errno is ENODATA or ENOTSUP) return null;
            if (errno != ERANGE) ThrowIfError(-1, $"lgetxattr {name}", path);
            nint need = lgetxattr_layers(path, name, null, 0);
            if (need < 0) ThrowIfError(-1, $"lgetxattr {name}", path);
            var value = new byte[need];
            fixed (byte* p = value) n = lgetxattr_layers(path, name, p, value.Length);
            if (n < 0) ThrowIfError(-1, $"lgetxattr {name}", path);
            return value.AsSpan(0, (int)n).ToArray();
        }

        internal static void SetXattr(string path, string name, ReadOnlySpan<byte> value)
        {
            if (TrySetXattr(path, name, value) is not 0 and int errno) throw new Drydock.Core.UnixIOException($"lsetxattr {name}", path, errno);
        }

        /// <summary>lsetxattr; 0 or the errno.</summary>
        internal static int TrySetXattr(string path, string name, ReadOnlySpan<byte> value)
        {
            fixed (byte* p = value)
                return lsetxattr_layers(path, name, p, value.Length, 0) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }

        // mknod(2): https://man7.org/linux/man-pages/man2/mknod.2.html
        [LibraryImport("libc", EntryPoint = "mknod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int mknod_layers(string path, uint mode, ulong dev);

        /// <summary>glibc's makedev(3) encoding of a device number.</summary>
        internal static ulong MakeDev(uint major, uint minor)
            => ((ulong)(major & 0xfffff000) << 32) | ((ulong)(major & 0xfff) << 8) | ((ulong)(minor & 0xffffff00) << 12) | (minor & 0xff);

        // lchown(2): changes a symlink itself, never its target
        [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int lchown_layers(string path, uint owner, uint group);

        [LibraryImport("libc", EntryPoint = "chmod", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int chmod_layers(string path, uint mode);

        [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int mkdir_layers(string path, uint mode);

        [LibraryImport("libc", EntryPoint = "symlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int symlink_layers(string target, string linkPath);

        // link(2) does not follow a symlink at oldpath on Linux: the link is to the symlink itself
        [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int link_layers(string oldPath, string newPath);

        [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int unlink_layers(string path);

        [LibraryImport("libc", EntryPoint = "readlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        private static partial nint readlink_layers(string path, byte* buffer, nint size);

        /// <summary>The raw bytes of a symlink's target, decoded as UTF-8.</summary>
        internal static string ReadLink(string path)
        {
            byte* b = stackalloc byte[4096];
            nint n = readlink_layers(path, b, 4096);
            if (n < 0) ThrowIfError(-1, "readlink", path);
            return Encoding.UTF8.GetString(b, (int)n);
        }

        [StructLayout(LayoutKind.Sequential)]
        private struct Timespec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        // utimensat(2) with AT_SYMLINK_NOFOLLOW sets the times of a symlink itself
        [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        private static partial int utimensat_layers(int dirfd, string path, Timespec* times, int flags);

        internal static void SetTimes(string path, long seconds, uint nanoseconds)
        {
            Timespec* t = stackalloc Timespec[2];
            t[0] = new Timespec { Seconds = seconds, Nanoseconds = nanoseconds };
            t[1] = t[0];
            ThrowIfError(utimensat_layers(AT_FDCWD, path, t, AT_SYMLINK_NOFOLLOW), "utimensat", path);
        }
    }
}

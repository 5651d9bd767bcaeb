using System.Runtime.InteropServices;
using System.Runtime.Versioning;

/// <summary>
/// Mounting on the host: mount(2), umount2(2) and the new mount API (fsopen, fsconfig, fsmount, move_mount);
/// and the directory fsync the snapshotter's metadata needs.
/// </summary>
internal static partial class Interop
{
    [SupportedOSPlatform("linux")]
    internal static partial class Libc
    {
        // mount(2): https://man7.org/linux/man-pages/man2/mount.2.html
        [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int mount(string? source, string target, string? fstype, ulong flags, string? data);

        // umount2(2): MNT_DETACH lazily detaches a busy mount
        [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int umount2(string target, int flags);

        // fsopen(2) and friends (glibc 2.36+): https://man7.org/linux/man-pages/man2/fsopen.2.html
        [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int fsopen(string fsname, uint flags);

        [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int fsconfig(int fd, uint cmd, string? key, string? value, int aux);

        [LibraryImport("libc", SetLastError = true)]
        internal static partial int fsmount(int fd, uint flags, uint attrFlags);

        [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int move_mount(int fromDirFd, string fromPath, int toDirFd, string toPath, uint flags);

        // close(2) under its own name, so that this file links next to others that declare close
        [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
        internal static partial int CloseMountFd(int fd);

        // open(2) of a directory and fsync(2) on it, which make a rename in it durable (.NET opens no directories)
        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int OpenDirectoryFd(string path, int flags);

        [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
        internal static partial int FsyncFd(int fd);

        internal const int O_RDONLY = 0;
        internal const int O_CLOEXEC = 0x80000;

        internal const ulong MS_RDONLY = 0x1;
        internal const ulong MS_NOSUID = 0x2;
        internal const ulong MS_NODEV = 0x4;
        internal const ulong MS_NOEXEC = 0x8;
        internal const ulong MS_SYNCHRONOUS = 0x10;
        internal const ulong MS_REMOUNT = 0x20;
        internal const ulong MS_NOATIME = 0x400;
        internal const ulong MS_NODIRATIME = 0x800;
        internal const ulong MS_BIND = 0x1000;
        internal const ulong MS_REC = 0x4000;
        internal const ulong MS_PRIVATE = 0x40000;
        internal const ulong MS_RELATIME = 0x200000;
        internal const ulong MS_STRICTATIME = 0x1000000;

        internal const int MNT_DETACH = 0x2;
        internal const int EBUSY = 16;
        internal const int EINVAL = 22;

        internal const uint FSOPEN_CLOEXEC = 0x1;
        internal const uint FSCONFIG_SET_FLAG = 0;
        internal const uint FSCONFIG_SET_STRING = 1;
        internal const uint FSCONFIG_CMD_CREATE = 6;
        internal const uint FSMOUNT_CLOEXEC = 0x1;
        internal const uint MOUNT_ATTR_RDONLY = 0x1;
        internal const uint MOVE_MOUNT_F_EMPTY_PATH = 0x4;
        internal const int AT_FDCWD = -100;
    }
}

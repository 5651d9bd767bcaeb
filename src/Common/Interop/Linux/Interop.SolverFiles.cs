using System.Runtime.InteropServices;
using System.Runtime.Versioning;

/// <summary>
/// The few file syscalls the solver's COPY and context checksums need (linked into Drydock.Solver only; the
/// method names carry a _solver suffix so this file can be linked next to the layer room's Interop.Files.cs).
/// </summary>
internal static partial class Interop
{
    internal static partial class Libc
    {
        // lchown(2): https://man7.org/linux/man-pages/man2/lchown.2.html — changes a symlink itself, never its target
        [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        [SupportedOSPlatform("linux")]
        internal static partial int lchown_solver(string path, uint owner, uint group);

        // statx(2): https://man7.org/linux/man-pages/man2/statx.2.html — its struct has one layout on every
        // architecture, so we read the fields we need at their fixed offsets from a 256-byte buffer.
        [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        [SupportedOSPlatform("linux")]
        internal static unsafe partial int statx_solver(int dirfd, string path, int flags, uint mask, byte* buffer);

        // open(2), fchown(2), fchmod(2), futimens(2), copy_file_range(2): COPY lands a file through one descriptor,
        // without the path lookups and the advisory flock(2) calls that System.IO adds to every open
        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        [SupportedOSPlatform("linux")]
        internal static partial int open_solver(string path, int flags, uint mode);

        [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
        [SupportedOSPlatform("linux")]
        internal static partial int fchown_solver(SafeHandle fd, uint owner, uint group);

        [LibraryImport("libc", EntryPoint = "fchmod", SetLastError = true)]
        [SupportedOSPlatform("linux")]
        internal static partial int fchmod_solver(SafeHandle fd, uint mode);

        [LibraryImport("libc", EntryPoint = "futimens", SetLastError = true)]
        [SupportedOSPlatform("linux")]
        internal static unsafe partial int futimens_solver(SafeHandle fd, long* times);

        [LibraryImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
        [SupportedOSPlatform("linux")]
        internal static unsafe partial nint copy_file_range_solver(SafeHandle fdIn, long* offIn, SafeHandle fdOut, long* offOut, nint length, uint flags);

        // link(2): a rebuilt COPY takes an unchanged file from its earlier result as a second name of the same inode
        [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        [SupportedOSPlatform("linux")]
        internal static partial int link_solver(string oldPath, string newPath);

        internal const int O_RDONLY = 0;
        internal const int O_WRONLY = 1;
        internal const int O_CREAT = 0x40;
        internal const int O_EXCL = 0x80;
        internal const int O_NOFOLLOW = 0x20000;
        internal const int O_CLOEXEC = 0x80000;
        internal const long UTIME_OMIT = (1L << 30) - 2;

        internal const int AT_FDCWD = -100;
        internal const int AT_SYMLINK_NOFOLLOW = 0x100;
        internal const uint STATX_BASIC_STATS = 0x7ff;
    }
}

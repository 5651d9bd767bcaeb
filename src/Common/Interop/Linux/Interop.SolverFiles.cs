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

        internal const int AT_FDCWD = -100;
        internal const int AT_SYMLINK_NOFOLLOW = 0x100;
        internal const uint STATX_BASIC_STATS = 0x7ff;
    }
}

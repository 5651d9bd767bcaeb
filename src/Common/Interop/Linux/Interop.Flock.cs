using System.Runtime.InteropServices;
using System.Runtime.Versioning;

/// <summary>open(2) and flock(2) for the store's lock files: the lock is taken explicitly, not as a side effect of how System.IO shares a file.</summary>
internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        [SupportedOSPlatform("linux")]
        internal static partial int open_lock(string path, int flags, uint mode);

        // flock(2): https://man7.org/linux/man-pages/man2/flock.2.html
        [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
        [SupportedOSPlatform("linux")]
        internal static partial int flock_lock(SafeHandle fd, int operation);

        internal const int O_RDWR = 2, O_CREAT = 0x40, O_CLOEXEC = 0x80000;
        internal const int LOCK_EX = 2, LOCK_NB = 4;
        internal const int EPERM = 1, EINTR = 4, EWOULDBLOCK = 11, EACCES = 13;
    }
}

using System.Runtime.InteropServices;
using System.Runtime.Versioning;

/// <summary>sync_file_range(2), with which the content store starts writing a large blob to disk while it is still being written.</summary>
internal static partial class Interop
{
    internal static partial class Libc
    {
        // https://man7.org/linux/man-pages/man2/sync_file_range.2.html: SYNC_FILE_RANGE_WRITE starts write-out of
        // the dirty pages in the range without waiting for it; it promises nothing about durability (fsync does)
        [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
        [SupportedOSPlatform("linux")]
        internal static partial int sync_file_range(SafeHandle fd, long offset, long nbytes, uint flags);

        internal const uint SYNC_FILE_RANGE_WRITE = 2;
    }
}

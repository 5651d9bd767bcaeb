using System.Runtime.InteropServices;
using System.Runtime.Versioning;

/// <summary>ioctl_iflags(2): the inode flags chattr(1) shows and sets.</summary>
internal static partial class Interop
{
    internal static partial class Libc
    {
        [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
        [SupportedOSPlatform("linux")]
        internal static unsafe partial int IoctlInodeFlags(int fd, nuint request, int* flags);

        internal const nuint FS_IOC_GETFLAGS = 0x80086601;
        internal const nuint FS_IOC_SETFLAGS = 0x40086602;

        /// <summary>chattr +T: ext2/3/4's Orlov allocator treats the directory's subdirectories as unrelated trees.</summary>
        internal const int FS_TOPDIR_FL = 0x00020000;
    }
}

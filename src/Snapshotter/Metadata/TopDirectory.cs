namespace Drydock.Snapshotter.Metadata;

/// <summary>
/// Marks the directory that holds every snapshot's data as a top directory (chattr +T). On ext2/3/4 the Orlov
/// allocator then places each new snapshot in a block group of its own, as it does for home directories, instead
/// of next to its siblings. Without it, a snapshot created right after a prune lands in the groups the prune has
/// just freed; on a filesystem without a journal ext4 will not reuse an inode freed less than a minute ago, so
/// every file the new snapshot creates scans past those thousands of inodes (a 10,000-file COPY after
/// `builder prune`: 2.2 s instead of 0.4 s).
/// </summary>
internal static class TopDirectory
{
    /// <summary>Best effort: filesystems without inode flags, or without this one, keep their own placement.</summary>
    public static unsafe void Mark(string directory)
    {
        int fd = Interop.Libc.OpenDirectoryFd(directory, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC);
        if (fd < 0) return;
        try
        {
            int flags;
            if (Interop.Libc.IoctlInodeFlags(fd, Interop.Libc.FS_IOC_GETFLAGS, &flags) != 0) return;
            if ((flags & Interop.Libc.FS_TOPDIR_FL) != 0) return;
            flags |= Interop.Libc.FS_TOPDIR_FL;
            Interop.Libc.IoctlInodeFlags(fd, Interop.Libc.FS_IOC_SETFLAGS, &flags);
        }
        finally
        {
            Interop.Libc.CloseMountFd(fd);
        }
    }

    /// <summary>Whether the directory carries the flag (false where the filesystem has no inode flags).</summary>
    public static unsafe bool IsMarked(string directory)
    {
        int fd = Interop.Libc.OpenDirectoryFd(directory, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC);
        if (fd < 0) return false;
        try
        {
            int flags;
            return Interop.Libc.IoctlInodeFlags(fd, Interop.Libc.FS_IOC_GETFLAGS, &flags) == 0 && (flags & Interop.Libc.FS_TOPDIR_FL) != 0;
        }
        finally
        {
            Interop.Libc.CloseMountFd(fd);
        }
    }
}

using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Drydock.Solver.Executors;

/// <summary>
/// Lands one regular file the way COPY does, through descriptors: open both, copy the bytes in the kernel
/// (copy_file_range, or read/write across file systems that refuse it), then owner, mode and mtime on the new
/// descriptor. Nine syscalls a file where File.Copy and the path-based setters took about twenty-five; a COPY
/// of a 10,000-file context is bound by exactly these.
/// </summary>
internal static class RegularFileCopy
{
    private const int EEXIST = 17, EINTR = 4, EXDEV = 18, EINVAL = 22, ENOSYS = 38, EOPNOTSUPP = 95;

    /// <summary>Copies <paramref name="source"/> (<paramref name="stat"/> is its lstat) to a new file; false when <paramref name="destination"/> exists.</summary>
    public static unsafe bool TryCopyNew(string source, in FileStat stat, string destination, uint uid, uint gid, int permissions)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("builds run on Linux only");
        using SafeFileHandle from = Open(source, Interop.Libc.O_RDONLY | Interop.Libc.O_NOFOLLOW, 0);
        // created owner-only until its owner and mode are set: no moment where another user could open it
        int fd = Interop.Libc.open_solver(destination, Interop.Libc.O_WRONLY | Interop.Libc.O_CREAT | Interop.Libc.O_EXCL | Interop.Libc.O_CLOEXEC, 0b110_000_000);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == EEXIST) return false;
            throw new Core.UnixIOException("open", destination, errno);
        }
        using var to = new SafeFileHandle(fd, ownsHandle: true);
        CopyBytes(from, to, stat.Size, source);
        // owner before mode: chown clears the set-user-ID and set-group-ID bits
        Interop.ThrowIfError(Interop.Libc.fchown_solver(to, uid, gid), "fchown", destination);
        Interop.ThrowIfError(Interop.Libc.fchmod_solver(to, (uint)permissions), "fchmod", destination);
        long mtime = stat.MTimeNanoseconds;
        long* times = stackalloc long[4] { 0, Interop.Libc.UTIME_OMIT, Math.DivRem(mtime, 1_000_000_000, out long ns), ns };
        if (ns < 0)
        {
            times[2]--;
            times[3] = ns + 1_000_000_000;
        }
        Interop.ThrowIfError(Interop.Libc.futimens_solver(to, times), "futimens", destination);
        return true;
    }

    private static SafeFileHandle Open(string path, int flags, uint mode)
    {
        int fd = Interop.Libc.open_solver(path, flags | Interop.Libc.O_CLOEXEC, mode);
        Interop.ThrowIfError(fd, "open", path);
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    private static unsafe void CopyBytes(SafeFileHandle from, SafeFileHandle to, long size, string source)
    {
        long copied = 0;
        while (copied < size)
        {
            nint n = Interop.Libc.copy_file_range_solver(from, null, to, null, (nint)Math.Min(size - copied, 1L << 30), 0);
            if (n > 0)
            {
                copied += n;
                continue;
            }
            if (n == 0) return; // the file shrank since it was hashed: what is there is copied
            int errno = Marshal.GetLastPInvokeError();
            if (errno == EINTR) continue;
            if (errno is EXDEV or EINVAL or ENOSYS or EOPNOTSUPP)
            {
                CopyByReadWrite(from, to, copied);
                return;
            }
            throw new Core.UnixIOException("copy_file_range", source, errno);
        }
    }

    private static void CopyByReadWrite(SafeFileHandle from, SafeFileHandle to, long offset)
    {
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(128 * 1024);
        try
        {
            int n;
            while ((n = RandomAccess.Read(from, buffer, offset)) > 0)
            {
                RandomAccess.Write(to, buffer.AsSpan(0, n), offset);
                offset += n;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

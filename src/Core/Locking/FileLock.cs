using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Drydock.Core.Locking;

/// <summary>
/// An exclusive lock shared by threads and processes: flock(2) LOCK_EX on a lock file, taken on a descriptor of
/// its own (so it holds whether or not System.IO's advisory locking is on: the CLI turns that off, since it
/// costs two syscalls on every open). Locks taken on different open files conflict even inside one process, so
/// the same lock serializes two tasks and two drydock processes alike. The kernel drops the lock when the
/// process dies, so a crashed holder never wedges the store.
/// <code>
/// using (await FileLock.AcquireAsync(Path.Combine(root.Images, ".lock"), ct)) { /* read, modify, write */ }
/// </code>
/// </summary>
public sealed class FileLock : IDisposable
{
    private static readonly TimeSpan s_maxDelay = TimeSpan.FromMilliseconds(50);
    private readonly SafeFileHandle _handle;

    private FileLock(SafeFileHandle handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Waits until the lock is free, polling because flock's blocking mode would hold a pool thread.</summary>
    public static async ValueTask<FileLock> AcquireAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        TimeSpan delay = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            if (TryAcquire(path) is { } held) return held;
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, s_maxDelay.Ticks));
        }
    }

    /// <summary>Takes the lock if it is free; null when another holder has it.</summary>
    public static FileLock? TryAcquire(string path)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("Drydock runs on Linux only");
        int fd = Interop.Libc.open_lock(path, Interop.Libc.O_RDWR | Interop.Libc.O_CREAT | Interop.Libc.O_CLOEXEC, 0b110_100_100);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno is Interop.Libc.EACCES or Interop.Libc.EPERM)
                throw new DrydockException(ErrorKind.PermissionDenied, $"failed to lock '{path}': permission denied");
            throw new UnixIOException("open", path, errno);
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        while (Interop.Libc.flock_lock(handle, Interop.Libc.LOCK_EX | Interop.Libc.LOCK_NB) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Interop.Libc.EINTR) continue;
            handle.Dispose();
            if (errno == Interop.Libc.EWOULDBLOCK) return null; // someone else holds it
            throw new UnixIOException("flock", path, errno);
        }
        return new FileLock(handle, path);
    }

    public void Dispose() => _handle.Dispose();
}

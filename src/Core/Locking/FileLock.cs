namespace Drydock.Core.Locking;

/// <summary>
/// An exclusive lock shared by threads and processes: flock(2) LOCK_EX on a lock file, which .NET takes when a
/// file is opened with <see cref="FileShare.None"/>. Locks taken on different open files conflict even inside one
/// process, so the same lock serializes two tasks and two drydock processes alike. The kernel drops the lock
/// when the process dies, so a crashed holder never wedges the store.
/// <code>
/// using (await FileLock.AcquireAsync(Path.Combine(root.Images, ".lock"), ct)) { /* read, modify, write */ }
/// </code>
/// </summary>
public sealed class FileLock : IDisposable
{
    private static readonly TimeSpan s_maxDelay = TimeSpan.FromMilliseconds(50);
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    public string Path => _stream.Name;

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
        try
        {
            return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1));
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException && File.Exists(path))
        {
            // EWOULDBLOCK from flock(LOCK_EX|LOCK_NB): someone else holds it
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DrydockException(ErrorKind.PermissionDenied, $"failed to lock '{path}': permission denied", e);
        }
    }

    public void Dispose() => _stream.Dispose();
}

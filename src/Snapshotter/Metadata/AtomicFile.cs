
namespace Drydock.Snapshotter.Metadata;

/// <summary>
/// Replaces a file all at once: write a temp file next to it, fsync it, rename it over the target, fsync the
/// directory (rename(2) is atomic; the fsyncs make it durable across a power loss, as ext4's docs advise).
/// Temp files start with '.', so a reader listing "*.json" never sees one, and cleanup knows them.
/// </summary>
internal static class AtomicFile
{
    public const string TempPrefix = ".tmp-";

    public static void Write(string path, ReadOnlySpan<byte> content, bool durable)
    {
        string dir = Path.GetDirectoryName(path)!;
        string temp = Path.Combine(dir, TempPrefix + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                stream.Write(content);
                if (durable) stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        if (durable) SyncDirectory(dir);
    }

    public static void Delete(string path, bool durable)
    {
        File.Delete(path);
        if (durable) SyncDirectory(Path.GetDirectoryName(path)!);
    }

    /// <summary>fsync(2) on the directory makes a rename or unlink in it durable.</summary>
    public static void SyncDirectory(string dir)
    {
        int fd = Interop.Libc.OpenDirectoryFd(dir, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC);
        Interop.ThrowIfError(fd, "failed to open directory", dir);
        try
        {
            Interop.ThrowIfError(Interop.Libc.FsyncFd(fd), "failed to fsync directory", dir);
        }
        finally
        {
            Interop.Libc.CloseMountFd(fd);
        }
    }
}

using Drydock.Core;

namespace Drydock.Snapshotter.Layers;

/// <summary>
/// Unpacks an uncompressed layer tar onto a directory: owners, modes (setuid/setgid/sticky included), xattrs,
/// mtimes, hardlinks, symlinks, devices and fifos, with OCI whiteouts applied as <see cref="ExtractMode"/> says.
/// Every path is resolved inside the directory: '..' that would leave it is refused, absolute names and
/// absolute symlinks met on the way are taken relative to it (as containerd's fs.RootPath does), and the
/// final component is never followed. Used by <see cref="LayerApplier"/>, the CLI's import and ADD of archives.
/// </summary>
public static class LayerExtractor
{
    /// <summary>
    /// Extracts <paramref name="tar"/> into <paramref name="directory"/> and reads the stream to its end (so a
    /// digesting stream sees every byte). Throws <see cref="DrydockException"/> (DataCorrupted) for a corrupt or
    /// truncated stream or an entry that escapes the directory.
    /// </summary>
    public static ValueTask ExtractAsync(Stream tar, string directory, ExtractMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tar);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string root = Path.GetFullPath(directory).TrimEnd('/');
        if (root.Length == 0) root = "/";
        if (!Directory.Exists(root)) throw new DrydockException(ErrorKind.NotFound, $"failed to extract into '{directory}': the directory does not exist");
        // one long sequence of blocking file syscalls: a dedicated thread, not the pool
        return new ValueTask(Task.Factory.StartNew(() => Extract(tar, root, mode, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default));
    }

    private static void Extract(Stream tar, string root, ExtractMode mode, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new LayerTarReader(tar);
            var extraction = new TarExtraction(root, mode);
            while (reader.MoveNext())
            {
                cancellationToken.ThrowIfCancellationRequested();
                extraction.Apply(reader);
            }
            extraction.Complete();
            reader.DrainToEnd();
        }
        catch (InvalidDataException e)
        {
            throw new DrydockException(ErrorKind.DataCorrupted, "the layer data is corrupt", e);
        }
        catch (EndOfStreamException e)
        {
            throw new DrydockException(ErrorKind.DataCorrupted, "the layer data is truncated", e);
        }
    }
}

namespace Drydock.Solver.Cache;

/// <summary>Write-to-temp-then-rename, so readers in other processes see the old file or the new one.</summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        string dir = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(dir);
        string tmp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllBytesAsync(tmp, data, cancellationToken).ConfigureAwait(false);
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }
}

using Drydock.Core.Oci;
using Drydock.Snapshotter.Layers;

namespace Drydock.Exporter.Archive;

/// <summary>
/// Writes layout files as tar entries with fixed owner, modes and mtime through the layers' reproducible tar
/// writer, so saving the same images twice gives byte-identical archives. The writes are synchronous: on Linux
/// an asynchronous file write is a thread-pool hop per buffer, which costs a small save more than its copying.
/// </summary>
internal sealed class TarLayoutSink(LayerTarWriter writer) : ILayoutSink
{
    private const uint FileMode = 0b110_100_100;      // 0644
    private const uint DirectoryMode = 0b111_101_101; // 0755

    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);
    private readonly TarHeader _header = new();

    public ValueTask AddFileAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        WriteFileHeader(path, data.Length);
        writer.WriteFileContent(data.Span);
        return ValueTask.CompletedTask;
    }

    public ValueTask AddBlobAsync(Descriptor descriptor, Stream data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        WriteFileHeader(LayoutPaths.Blob(descriptor.Digest), descriptor.Size);
        writer.WriteFileContent(data, descriptor.Size, $"blob '{descriptor.Digest}'", cancellationToken);
        return ValueTask.CompletedTask;
    }

    /// <summary>Ends the archive; the output stays open.</summary>
    public void Finish() => writer.Finish();

    private void WriteFileHeader(string path, long size)
    {
        EnsureDirectories(path);
        Write(path, TarHeader.TypeRegular, FileMode, size);
    }

    private void EnsureDirectories(string path)
    {
        int slash = path.LastIndexOf('/');
        if (slash < 0) return;
        string dir = path[..slash];
        if (!_directories.Add(dir)) return;
        EnsureDirectories(dir);
        Write(dir, TarHeader.TypeDirectory, DirectoryMode, 0);
    }

    private void Write(string name, byte type, uint mode, long size)
    {
        _header.Reset();
        _header.Name = name;
        _header.TypeFlag = type;
        _header.Mode = mode;
        _header.Size = size;
        writer.WriteHeader(_header);
    }
}

using Drydock.Core.Oci;

namespace Drydock.Exporter.Archive;

/// <summary>Writes layout files into a directory; a blob already present is left alone (blobs are immutable).</summary>
internal sealed class DirectoryLayoutSink(string root) : ILayoutSink
{
    public async ValueTask AddFileAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        string target = Full(path);
        string tmp = target + ".tmp";
        await File.WriteAllBytesAsync(tmp, data.ToArray(), cancellationToken).ConfigureAwait(false);
        File.Move(tmp, target, overwrite: true);
    }

    public async ValueTask AddBlobAsync(Descriptor descriptor, Stream data, CancellationToken cancellationToken)
    {
        string target = Full(LayoutPaths.Blob(descriptor.Digest));
        if (File.Exists(target) && new FileInfo(target).Length == descriptor.Size) return;
        string tmp = target + ".tmp";
        var file = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            await data.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }
        File.Move(tmp, target, overwrite: true);
    }

    private string Full(string path)
    {
        string full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }
}

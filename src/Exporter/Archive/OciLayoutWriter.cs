using Drydock.Core.Content;

namespace Drydock.Exporter.Archive;

/// <summary>An OCI image layout directory (<c>build --output type=oci,tar=false</c>); blobs already there are kept.</summary>
public static class OciLayoutWriter
{
    /// <summary>Writes (or adds to) an OCI layout directory; index.json is replaced with the given images.</summary>
    public static async Task WriteAsync(IContentStore content, IReadOnlyList<ExportedImage> images, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        await new LayoutWriter(content).WriteAsync(images, new DirectoryLayoutSink(directory), dockerManifest: false, cancellationToken).ConfigureAwait(false);
    }
}

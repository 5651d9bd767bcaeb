using System.Formats.Tar;
using Drydock.Core.Content;

namespace Drydock.Exporter.Archive;

/// <summary><c>save --format oci</c> and <c>build --output type=oci</c>: an OCI image layout in one tar (oci-archive).</summary>
public static class OciArchiveWriter
{
    public static async Task WriteAsync(IContentStore content, IReadOnlyList<ExportedImage> images, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        await using (tar.ConfigureAwait(false))
        {
            await new LayoutWriter(content).WriteAsync(images, new TarLayoutSink(tar), dockerManifest: false, cancellationToken).ConfigureAwait(false);
        }
    }
}

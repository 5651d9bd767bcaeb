using Drydock.Core.Content;
using Drydock.Snapshotter.Layers;

namespace Drydock.Exporter.Archive;

/// <summary><c>save --format oci</c> and <c>build --output type=oci</c>: an OCI image layout in one tar (oci-archive).</summary>
public static class OciArchiveWriter
{
    public static async Task WriteAsync(IContentStore content, IReadOnlyList<ExportedImage> images, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var tar = new LayerTarWriter(output, sourceDateEpoch: null);
        var sink = new TarLayoutSink(tar);
        await new LayoutWriter(content).WriteAsync(images, sink, dockerManifest: false, cancellationToken).ConfigureAwait(false);
        sink.Finish();
    }
}

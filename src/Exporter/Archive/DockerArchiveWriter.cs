using Drydock.Core.Content;
using Drydock.Snapshotter.Layers;

namespace Drydock.Exporter.Archive;

/// <summary><c>save</c> and <c>build --output type=docker</c>: the OCI layout plus manifest.json and repositories in one tar, as docker 25+ writes for <c>docker save</c>.</summary>
public static class DockerArchiveWriter
{
    public static async Task WriteAsync(IContentStore content, IReadOnlyList<ExportedImage> images, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var tar = new LayerTarWriter(output, sourceDateEpoch: null);
        var sink = new TarLayoutSink(tar);
        await new LayoutWriter(content).WriteAsync(images, sink, dockerManifest: true, cancellationToken).ConfigureAwait(false);
        sink.Finish();
    }
}

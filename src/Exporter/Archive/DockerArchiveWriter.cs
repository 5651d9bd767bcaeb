using System.Formats.Tar;
using Drydock.Core.Content;

namespace Drydock.Exporter.Archive;

/// <summary><c>save</c> and <c>build --output type=docker</c>: the OCI layout plus manifest.json and repositories in one tar, as docker 25+ writes for <c>docker save</c>.</summary>
public static class DockerArchiveWriter
{
    public static async Task WriteAsync(IContentStore content, IReadOnlyList<ExportedImage> images, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var tar = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        await using (tar.ConfigureAwait(false))
        {
            await new LayoutWriter(content).WriteAsync(images, new TarLayoutSink(tar), dockerManifest: true, cancellationToken).ConfigureAwait(false);
        }
    }
}

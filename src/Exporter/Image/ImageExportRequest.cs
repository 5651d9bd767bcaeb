using Drydock.Core.Images;
using Drydock.Core.Oci;

namespace Drydock.Exporter.Image;

/// <summary>
/// A solved stage to turn into an image: the base image (whose layers and history are kept as they are), one
/// <see cref="ExportStep"/> per instruction after FROM in order, and the final runtime config. The exporter
/// fills rootfs.diff_ids, history and created.
/// </summary>
public sealed record ImageExportRequest(ResolvedImage? Base, IReadOnlyList<ExportStep> Steps, ContainerConfig? Config)
{
    public Platform Platform { get; init; } = Platform.Host;

    /// <summary>SOURCE_DATE_EPOCH: every created time becomes this, so two builds give identical digests.</summary>
    public DateTimeOffset? SourceDateEpoch { get; init; }

    public LayerCompression Compression { get; init; } = LayerCompression.Gzip;

    /// <summary>MAINTAINER, as the config's author.</summary>
    public string? Author { get; init; }

    /// <summary>Labels added to the manifest as annotations (none by default).</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}

/// <summary>
/// One instruction's history entry. A step with <see cref="Snapshot"/> set may add a layer: the difference
/// between <see cref="Parent"/> (null: the empty root) and <see cref="Snapshot"/>; when the difference is
/// empty the entry is marked empty_layer, as BuildKit does. Metadata-only steps have no snapshot.
/// </summary>
public sealed record ExportStep(string CreatedBy, string? Parent, string? Snapshot)
{
    public string? Comment { get; init; }
}

using Drydock.Core;

namespace Drydock.Exporter.Archive;

/// <summary>
/// Which images of an archive to load and what to call them. By default every image is loaded under the
/// names the archive gives it (docker's RepoTags, or io.containerd.image.name / a full reference in
/// org.opencontainers.image.ref.name); images without a name load as dangling.
/// </summary>
public sealed record LoadOptions
{
    /// <summary>Load only the index.json entry with this org.opencontainers.image.ref.name (or the image with this tag).</summary>
    public string? Tag { get; init; }

    /// <summary>Load only the image whose manifest or index has this digest.</summary>
    public Digest? Digest { get; init; }

    /// <summary>Name the selected image this instead of the names in the archive.</summary>
    public string? Name { get; init; }

    /// <summary>What messages call the input when its path means nothing to the user (a copy of STDIN).</summary>
    public string? SourceName { get; init; }

    /// <summary>Name the selected image this when the archive gives it no name.</summary>
    public string? DefaultName { get; init; }
}

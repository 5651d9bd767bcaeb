namespace Drydock.Snapshotter.Layers;

/// <summary>How OCI whiteouts are applied (image-spec layer.md, "Whiteouts").</summary>
public enum ExtractMode
{
    /// <summary>Onto a plain directory tree: a whiteout deletes, an opaque marker empties the directory of older entries.</summary>
    Plain,

    /// <summary>Into an overlayfs upperdir: whiteouts become 0/0 character devices, opaque markers trusted.overlay.opaque=y.</summary>
    Overlay,
}

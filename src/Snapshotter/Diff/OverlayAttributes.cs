namespace Drydock.Snapshotter.Diff;

/// <summary>overlayfs's xattrs on upper and lower directories (Documentation/filesystems/overlayfs.rst).</summary>
internal static class OverlayAttributes
{
    /// <summary>A directory whose lower layers are hidden: trusted.overlay.opaque=y, or user.overlay.opaque=y with userxattr.</summary>
    public static bool IsOpaque(string directory)
        => IsY(Interop.LayerFiles.GetXattr(directory, "trusted.overlay.opaque")) || IsY(Interop.LayerFiles.GetXattr(directory, "user.overlay.opaque"));

    /// <summary>A directory renamed with redirect_dir=on: its lower content lives elsewhere.</summary>
    public static bool IsRedirected(string directory)
        => Interop.LayerFiles.GetXattr(directory, "trusted.overlay.redirect") is not null || Interop.LayerFiles.GetXattr(directory, "user.overlay.redirect") is not null;

    private static bool IsY(byte[]? value) => value is [(byte)'y'];
}

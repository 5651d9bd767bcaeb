
namespace Drydock.Snapshotter.Layers;

/// <summary>
/// Which xattrs travel in a layer: security.capability, user.* and trusted.*, but never overlayfs's own
/// (trusted.overlay.*, and user.overlay.* which overlayfs uses with the userxattr option).
/// </summary>
internal static class LayerXattrs
{
    private static readonly KeyValuePair<string, byte[]>[] s_none = [];

    public static bool Carried(string name)
    {
        if (name == "security.capability") return true;
        if (name.StartsWith("user.", StringComparison.Ordinal)) return !name.StartsWith("user.overlay.", StringComparison.Ordinal);
        if (name.StartsWith("trusted.", StringComparison.Ordinal)) return !name.StartsWith("trusted.overlay.", StringComparison.Ordinal);
        return false;
    }

    public static IReadOnlyList<KeyValuePair<string, byte[]>> Read(string path)
    {
        List<string> names = Interop.LayerFiles.ListXattrs(path);
        if (names.Count == 0) return s_none;
        List<KeyValuePair<string, byte[]>>? result = null;
        foreach (string name in names)
        {
            if (!Carried(name)) continue;
            if (Interop.LayerFiles.GetXattr(path, name) is not { } value) continue;
            (result ??= []).Add(new(name, value));
        }
        if (result is null) return s_none;
        result.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return result;
    }
}

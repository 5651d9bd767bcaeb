using Drydock.Snapshotter.Layers;

namespace Drydock.Snapshotter.Diff;

/// <summary>One entry of a layer: <see cref="Meta"/> and <see cref="Source"/> (where its data is) for an added or changed path, or a deletion (null meta).</summary>
internal readonly record struct Change(string Path, FileMeta? Meta, string? Source)
{
    public bool IsWhiteout => Meta is null;

    public static Change Whiteout(string path) => new(path, null, null);
}

using System.Collections.Concurrent;
using Drydock.Core;
using Drydock.Core.Oci;

namespace Drydock.Snapshotter.Tests.Snapshots;

/// <summary>
/// The smallest applier the unpacker needs: layers are uncompressed tars kept on disk, extracted with tar(1)
/// into the bind source or the overlay upperdir (no whiteouts in these tests); the diff ID is the tar's digest.
/// </summary>
internal sealed class TarLayerApplier(string directory) : ILayerApplier
{
    private readonly ConcurrentDictionary<Digest, string> _tars = new();

    private int _applied;

    public int Applied => _applied;

    /// <summary>Makes a layer holding <paramref name="files"/> (relative path → content).</summary>
    public Descriptor AddLayer(IReadOnlyDictionary<string, string> files)
    {
        string tree = Path.Combine(directory, "tree-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var (rel, content) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(tree, rel))!);
            File.WriteAllText(Path.Combine(tree, rel), content);
        }
        string tar = tree + ".tar";
        FileFacts.Run("tar", "-C", tree, "--sort=name", "--mtime=@0", "--owner=0", "--group=0", "-cf", tar, ".");
        Digest digest = Digest.Sha256(File.ReadAllBytes(tar));
        _tars[digest] = tar;
        return new Descriptor(MediaTypes.OciLayer, digest, new FileInfo(tar).Length);
    }

    public Func<Descriptor, Task>? BeforeApply { get; set; }

    public async ValueTask<Digest> ApplyAsync(Descriptor layer, IReadOnlyList<Mount> target, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _applied);
        if (BeforeApply is { } hook) await hook(layer);
        string dir = target[0].Type == "bind" ? target[0].Source : target[0].Option("upperdir")!;
        FileFacts.Run("tar", "-C", dir, "-xf", _tars[layer.Digest]);
        return layer.Digest;
    }
}

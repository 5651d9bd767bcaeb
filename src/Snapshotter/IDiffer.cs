using Drydock.Core;
using Drydock.Core.Layers;
using Drydock.Core.Oci;

namespace Drydock.Snapshotter;

/// <summary>
/// Computes the layer that turns <c>lower</c> into <c>upper</c> and writes it to the content store.
/// For an overlay active snapshot the layer comes from its upperdir alone (cost O(changed files));
/// otherwise the two trees are compared. Equal changes give byte-identical layers whichever way they are found.
/// </summary>
public interface IDiffer
{
    ValueTask<Layer> CompareAsync(IReadOnlyList<Mount> lower, IReadOnlyList<Mount> upper, LayerCompression compression, CancellationToken cancellationToken = default);
}

/// <summary>Unpacks a layer blob onto the tree of an active snapshot, honouring OCI whiteouts; returns its diff ID.</summary>
public interface ILayerApplier
{
    ValueTask<Digest> ApplyAsync(Descriptor layer, IReadOnlyList<Mount> target, CancellationToken cancellationToken = default);
}

using Drydock.Core.Oci;

namespace Drydock.Core.Layers;

/// <summary>A layer blob in the content store and the diff ID (digest of its uncompressed tar) the image config lists.</summary>
public sealed record Layer(Descriptor Descriptor, Digest DiffId);

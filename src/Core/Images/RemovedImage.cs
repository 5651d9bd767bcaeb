namespace Drydock.Core.Images;

/// <summary>What <c>rmi</c> did, as docker reports it: "Untagged: busybox:latest", "Deleted: sha256:…".</summary>
public sealed record RemovedImage(IReadOnlyList<string> Untagged, IReadOnlyList<Digest> Deleted);

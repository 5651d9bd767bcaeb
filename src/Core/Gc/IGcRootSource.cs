namespace Drydock.Core.Gc;

/// <summary>
/// Content another room keeps alive: the solver's cache records, the containers room's images in use. The
/// garbage collector keeps every listed blob and everything it references (an index's manifests, a manifest's
/// config and layers). A source lists what it needs right now; anything it stops listing may be deleted.
/// </summary>
public interface IGcRootSource
{
    IAsyncEnumerable<Digest> ListRootsAsync(CancellationToken cancellationToken = default);
}

using Drydock.Core;
using Drydock.Core.Images;

namespace Drydock.Containers.Store;

/// <summary>Which containers (running or not) were created from an image, so `rmi` can refuse to remove it.</summary>
public sealed class ContainerImageUsage(DrydockRoot root) : IImageUsage
{
    private readonly ContainerStore _store = new(root);

    public async ValueTask<IReadOnlyList<string>> ContainersUsingAsync(Digest imageId, CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        string id = imageId.ToString();
        await foreach (ContainerRecord r in _store.ListAsync(cancellationToken).ConfigureAwait(false))
            if (r.ImageId == id) names.Add(r.Name);
        return names;
    }
}

namespace Drydock.Core.Images;

/// <summary>
/// Who still uses an image, so <c>rmi</c> and <c>image prune -a</c> can refuse to remove it. The containers
/// room implements it (one answer per container created from the image, running or not).
/// </summary>
public interface IImageUsage
{
    /// <summary>Names or IDs of the containers created from the image with this ID (config digest).</summary>
    ValueTask<IReadOnlyList<string>> ContainersUsingAsync(Digest imageId, CancellationToken cancellationToken = default);
}

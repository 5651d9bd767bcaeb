using Drydock.Core.Oci;
using Drydock.Core.References;

namespace Drydock.Core.Images;

/// <summary>One row of <c>drydock images</c>: a record name and the facts about its image that listing needs.</summary>
public sealed record ImageSummary(
    string Name,
    ImageReference? Reference,
    Digest Id,
    Descriptor Target,
    DateTimeOffset? Created,
    long Size,
    DateTimeOffset RecordCreated)
{
    public bool IsDangling => Reference is null;
}

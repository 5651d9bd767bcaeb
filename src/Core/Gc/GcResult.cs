namespace Drydock.Core.Gc;

/// <summary>What a garbage collection removed.</summary>
public sealed record GcResult(IReadOnlyList<Digest> Deleted, long ReclaimedBytes);

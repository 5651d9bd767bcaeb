namespace Drydock.Core.Images;

/// <summary>One row of <c>drydock history</c>, newest first. <see cref="Id"/> is set on the top row only, as docker does.</summary>
public sealed record HistoryRow(Digest? Id, DateTimeOffset? Created, string CreatedBy, long Size, string Comment, bool EmptyLayer);

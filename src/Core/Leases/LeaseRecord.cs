using System.Text.Json.Serialization;

namespace Drydock.Core.Leases;

/// <summary>
/// A lease as stored in <c>leases/&lt;id&gt;.json</c>. <see cref="ProcessStart"/> is field 22 of
/// /proc/&lt;pid&gt;/stat, so a recycled pid does not keep a dead owner's lease alive.
/// </summary>
public sealed record LeaseRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("purpose")] string Purpose,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("processStart")] long ProcessStart,
    [property: JsonPropertyName("created")] DateTimeOffset Created,
    [property: JsonPropertyName("expires")] DateTimeOffset? Expires,
    [property: JsonPropertyName("digests")] IReadOnlyList<Digest> Digests);

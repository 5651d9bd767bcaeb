using System.Text.Json.Serialization;

namespace Drydock.Solver.Cache;

/// <summary>One cache record on disk: the snapshot a key resolved to and when it was made.</summary>
internal sealed record CacheRecord(
    [property: JsonPropertyName("snapshot")] string Snapshot,
    [property: JsonPropertyName("created")] DateTimeOffset Created);

/// <summary>
/// What a step was keyed on the last time it ran (per step identity), so the next miss can say what changed.
/// Never contains secret values: ops carry secret ids only.
/// </summary>
internal sealed record StepRecord(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("op")] string Op,
    [property: JsonPropertyName("inputs")] IReadOnlyList<string> Inputs,
    [property: JsonPropertyName("content")] IReadOnlyList<StepContent> Content);

internal sealed record StepContent(
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("checksum")] string Checksum,
    [property: JsonPropertyName("files")] IReadOnlyDictionary<string, string>? Files);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CacheRecord))]
[JsonSerializable(typeof(StepRecord))]
internal sealed partial class CacheJsonContext : JsonSerializerContext;

/// <summary>The key of an earlier build of a step and, per content subject, the files it took (name to checksum).</summary>
internal sealed record EarlierStep(CacheKey Key, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Files);

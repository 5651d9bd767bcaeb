using System.Text.Json.Serialization;

namespace Drydock.Snapshotter.Metadata;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SnapshotRecord))]
internal sealed partial class MetadataJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Drydock.Exporter.Archive;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(List<DockerArchiveEntry>))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
internal sealed partial class DockerArchiveJsonContext : JsonSerializerContext;

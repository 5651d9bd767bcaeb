using System.Text.Json.Serialization;
using Drydock.Runtime;

namespace Drydock.Containers.Store;

[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContainerRecord))]
[JsonSerializable(typeof(ContainerSpec))]
internal sealed partial class ContainersJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Drydock.Runtime.Oci;

/// <summary>config.json and state JSON; a field the model does not know is an error, never skipped.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = false)]
[JsonSerializable(typeof(OciConfig))]
[JsonSerializable(typeof(OciState))]
[JsonSerializable(typeof(IReadOnlyList<OciState>))]
[JsonSerializable(typeof(System.Text.Json.JsonElement))]
public sealed partial class OciRuntimeJsonContext : JsonSerializerContext;

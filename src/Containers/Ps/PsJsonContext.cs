using System.Text.Json.Serialization;

namespace Drydock.Containers.Ps;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class PsJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace Drydock.Exporter.Import;

[JsonSerializable(typeof(string[]))]
internal sealed partial class ImportJsonContext : JsonSerializerContext;

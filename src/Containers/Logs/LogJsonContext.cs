using System.Text.Json.Serialization;

namespace Drydock.Containers.Logs;

/// <summary>docker's json-file log lines: compact, field names as docker writes them.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(LogEntry))]
internal sealed partial class LogJsonContext : JsonSerializerContext;

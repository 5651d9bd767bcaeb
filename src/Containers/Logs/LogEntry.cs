using System.Text.Json.Serialization;

namespace Drydock.Containers.Logs;

/// <summary>One line of docker's json-file log driver: {"log":"hello\n","stream":"stdout","time":"…"}.</summary>
public sealed record LogEntry(
    [property: JsonPropertyName("log")] string Log,
    [property: JsonPropertyName("stream")] string Stream,
    [property: JsonPropertyName("time")] DateTimeOffset Time)
{
    [JsonIgnore]
    public bool IsStderr => Stream == "stderr";
}

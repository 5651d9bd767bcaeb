using System.Text.Json.Serialization;

namespace Drydock.Exporter.Archive;

/// <summary>One entry of a docker-archive's manifest.json (moby image/spec/spec.md, "combined image JSON + filesystem changeset format").</summary>
internal sealed record DockerArchiveEntry(
    [property: JsonPropertyName("Config")] string Config,
    [property: JsonPropertyName("RepoTags")] IReadOnlyList<string>? RepoTags,
    [property: JsonPropertyName("Layers")] IReadOnlyList<string> Layers);

using System.Buffers;
using System.Text.Json;

namespace Drydock.Exporter.Archive;

/// <summary>
/// Writes a docker-archive's manifest.json and repositories with <see cref="Utf8JsonWriter"/>, as the serializer
/// over <see cref="DockerArchiveJsonContext"/> writes them (which reads them back): <c>save</c> then never builds
/// the serializer's metadata, which cost it more than the writing.
/// </summary>
internal static class DockerArchiveJson
{
    public static byte[] Manifest(IReadOnlyList<DockerArchiveEntry> entries) => Write(w =>
    {
        w.WriteStartArray();
        foreach (DockerArchiveEntry e in entries)
        {
            w.WriteStartObject();
            w.WriteString("Config"u8, e.Config);
            Strings(w, "RepoTags"u8, e.RepoTags);
            Strings(w, "Layers"u8, e.Layers);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    public static byte[] Repositories(IReadOnlyDictionary<string, Dictionary<string, string>> repositories) => Write(w =>
    {
        w.WriteStartObject();
        foreach (var (repository, tags) in repositories)
        {
            w.WriteStartObject(repository);
            foreach (var (tag, id) in tags) w.WriteString(tag, id);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    });

    private static void Strings(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            w.WriteNull(name);
            return;
        }
        w.WriteStartArray(name);
        foreach (string v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return buffer.WrittenSpan.ToArray();
    }
}

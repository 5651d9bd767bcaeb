using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Drydock.Core.Oci;

/// <summary>
/// Writes manifests, indexes, descriptors and oci-layout files with <see cref="Utf8JsonWriter"/>, byte for byte as
/// the source-generated serializer writes them (compact, declaration order, nulls left out, relaxed escaping):
/// <c>save</c> and every build write these, and building the serializer's metadata cost a short-lived process
/// more than the writing. The tests hold the two to the same output.
/// </summary>
internal static class OciJsonWriter
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, s_options)) write(writer, value);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Manifest(Utf8JsonWriter w, ImageManifest m)
    {
        StartDocument(w, m.SchemaVersion, m.MediaType, m.ArtifactType);
        w.WritePropertyName("config"u8);
        Descriptor(w, m.Config);
        Descriptors(w, "layers"u8, m.Layers);
        EndDocument(w, m.Subject, m.Annotations);
    }

    public static void Index(Utf8JsonWriter w, ImageIndex index)
    {
        StartDocument(w, index.SchemaVersion, index.MediaType, index.ArtifactType);
        Descriptors(w, "manifests"u8, index.Manifests);
        EndDocument(w, index.Subject, index.Annotations);
    }

    /// <summary>The fields a manifest and an index both open with.</summary>
    private static void StartDocument(Utf8JsonWriter w, int schemaVersion, string? mediaType, string? artifactType)
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion"u8, schemaVersion);
        OptionalString(w, "mediaType"u8, mediaType);
        OptionalString(w, "artifactType"u8, artifactType);
    }

    /// <summary>The fields a manifest and an index both close with.</summary>
    private static void EndDocument(Utf8JsonWriter w, Descriptor? subject, IReadOnlyDictionary<string, string>? annotations)
    {
        if (subject is not null)
        {
            w.WritePropertyName("subject"u8);
            Descriptor(w, subject);
        }
        OptionalMap(w, "annotations"u8, annotations);
        w.WriteEndObject();
    }

    public static void Layout(Utf8JsonWriter w, OciLayout layout)
    {
        w.WriteStartObject();
        w.WriteString("imageLayoutVersion"u8, layout.ImageLayoutVersion);
        w.WriteEndObject();
    }

    public static void Descriptor(Utf8JsonWriter w, Descriptor d)
    {
        w.WriteStartObject();
        w.WriteString("mediaType"u8, d.MediaType);
        w.WriteString("digest"u8, d.Digest.ToString());
        w.WriteNumber("size"u8, d.Size);
        OptionalStrings(w, "urls"u8, d.Urls);
        OptionalMap(w, "annotations"u8, d.Annotations);
        OptionalString(w, "data"u8, d.Data);
        if (d.Platform is { } p)
        {
            w.WriteStartObject("platform"u8);
            w.WriteString("architecture"u8, p.Architecture);
            w.WriteString("os"u8, p.OS);
            OptionalString(w, "os.version"u8, p.OSVersion);
            OptionalStrings(w, "os.features"u8, p.OSFeatures);
            OptionalString(w, "variant"u8, p.Variant);
            w.WriteEndObject();
        }
        OptionalString(w, "artifactType"u8, d.ArtifactType);
        w.WriteEndObject();
    }

    private static void Descriptors(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<Descriptor>? list)
    {
        if (list is null) return; // as the serializer leaves out every null
        w.WriteStartArray(name);
        foreach (Descriptor d in list) Descriptor(w, d);
        w.WriteEndArray();
    }

    private static void OptionalString(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    private static void OptionalStrings(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<string>? values)
    {
        if (values is null) return;
        w.WriteStartArray(name);
        foreach (string v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void OptionalMap(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyDictionary<string, string>? map)
    {
        if (map is null) return;
        w.WriteStartObject(name);
        foreach (KeyValuePair<string, string> kv in map) w.WriteString(kv.Key, kv.Value);
        w.WriteEndObject();
    }
}

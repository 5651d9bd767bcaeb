using System.Text.Json;
using System.Text.Json.Serialization;

namespace Drydock.Core.Oci;

/// <summary>
/// Source-generated JSON for the OCI types. Canonical output (what we hash) is compact, in declaration order,
/// without nulls; use <see cref="OciJson"/> rather than the serializer directly.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false,
    AllowTrailingCommas = false)]
[JsonSerializable(typeof(Descriptor))]
[JsonSerializable(typeof(ImageManifest))]
[JsonSerializable(typeof(ImageIndex))]
[JsonSerializable(typeof(ImageConfig))]
[JsonSerializable(typeof(OciLayout))]
public sealed partial class OciJsonContext : JsonSerializerContext;

/// <summary>The oci-layout file of an OCI image layout.</summary>
public sealed record OciLayout([property: JsonPropertyName("imageLayoutVersion")] string ImageLayoutVersion = "1.0.0");

public static class OciJson
{
    private static readonly JsonSerializerOptions s_options = new(OciJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly OciJsonContext s_context = new(s_options);

    public static byte[] Serialize(ImageManifest value) => OciJsonWriter.Write(value, OciJsonWriter.Manifest);
    public static byte[] Serialize(ImageIndex value) => OciJsonWriter.Write(value, OciJsonWriter.Index);
    public static byte[] Serialize(ImageConfig value) => JsonSerializer.SerializeToUtf8Bytes(value, s_context.ImageConfig);
    public static byte[] Serialize(Descriptor value) => OciJsonWriter.Write(value, OciJsonWriter.Descriptor);
    public static byte[] Serialize(OciLayout value) => OciJsonWriter.Write(value, OciJsonWriter.Layout);

    public static ImageManifest DeserializeManifest(ReadOnlySpan<byte> json) => OciJsonReader.TryReadManifest(json) ?? Deserialize(json, s_context.ImageManifest, "image manifest");
    public static ImageIndex DeserializeIndex(ReadOnlySpan<byte> json) => Deserialize(json, s_context.ImageIndex, "image index");
    public static ImageConfig DeserializeConfig(ReadOnlySpan<byte> json) => OciJsonReader.TryReadConfig(json) ?? Deserialize(json, s_context.ImageConfig, "image config");
    public static OciLayout DeserializeLayout(ReadOnlySpan<byte> json) => Deserialize(json, s_context.OciLayout, "oci-layout");

    /// <summary>Reads just the mediaType field, to tell an index from a manifest before deserializing.</summary>
    public static string? PeekMediaType(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isMediaType = reader.ValueTextEquals("mediaType"u8);
                reader.Read();
                if (isMediaType && reader.TokenType == JsonTokenType.String) return reader.GetString();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }

    private static T Deserialize<T>(ReadOnlySpan<byte> json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> info, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(json, info) ?? throw new DrydockException(ErrorKind.DataCorrupted, $"invalid {what}: null");
        }
        catch (JsonException e)
        {
            throw new DrydockException(ErrorKind.DataCorrupted, $"invalid {what}: {e.Message}");
        }
    }
}

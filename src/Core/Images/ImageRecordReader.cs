using System.Globalization;
using System.Text.Json;
using Drydock.Core.Oci;

namespace Drydock.Core.Images;

/// <summary>
/// Reads an image record with <see cref="Utf8JsonReader"/>: listing reads one record per name, and building
/// the serializer's metadata for records, descriptors and platforms costs a short-lived process more than
/// the reads. A target carrying more than mediaType, digest and size goes through the serializer.
/// </summary>
internal static class ImageRecordReader
{
    public static ImageRecord Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? name = null;
        Descriptor? target = null;
        DateTimeOffset created = default, updated = default;
        ImageFacts? facts = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException("expected an object");
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Name"u8)) name = NextString(ref reader);
            else if (reader.ValueTextEquals("CreatedAt"u8)) created = NextTime(ref reader);
            else if (reader.ValueTextEquals("UpdatedAt"u8)) updated = NextTime(ref reader);
            else if (reader.ValueTextEquals("Facts"u8))
            {
                reader.Read();
                facts = reader.TokenType == JsonTokenType.Null ? null : ReadFacts(ref reader);
            }
            else if (reader.ValueTextEquals("Target"u8))
            {
                reader.Read();
                target = ReadPlainDescriptor(ref reader);
                if (target is null) return JsonSerializer.Deserialize(json, ImageStoreJsonContext.Default.ImageRecord) ?? throw new JsonException("null record");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (name is null || target is null) throw new JsonException("missing Name or Target");
        return new ImageRecord(name, target, created, updated) { Facts = facts };
    }

    private static ImageFacts ReadFacts(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Facts is not an object");
        Digest? id = null;
        DateTimeOffset? created = null;
        long size = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("Id"u8)) id = Digest.TryParse(NextString(ref reader), out Digest d) ? d : throw new JsonException("invalid Id");
            else if (reader.ValueTextEquals("Created"u8))
            {
                reader.Read();
                created = reader.TokenType == JsonTokenType.Null ? null : Time(ref reader);
            }
            else if (reader.ValueTextEquals("Size"u8))
            {
                reader.Read();
                size = reader.GetInt64();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return id is { } i && size >= 0 ? new ImageFacts(i, created, size) : throw new JsonException("incomplete Facts");
    }

    /// <summary>A descriptor with just mediaType, digest and size; null when it has other fields.</summary>
    private static Descriptor? ReadPlainDescriptor(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Target is not an object");
        string? mediaType = null;
        Digest? digest = null;
        long size = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("mediaType"u8)) mediaType = NextString(ref reader);
            else if (reader.ValueTextEquals("digest"u8)) digest = Digest.TryParse(NextString(ref reader), out Digest d) ? d : throw new JsonException("invalid digest");
            else if (reader.ValueTextEquals("size"u8))
            {
                reader.Read();
                size = reader.GetInt64();
            }
            else return null;
        }
        return mediaType is not null && digest is { } dg && size >= 0 ? new Descriptor(mediaType, dg, size) : throw new JsonException("incomplete Target");
    }

    private static string NextString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.GetString() ?? throw new JsonException("expected a string");
    }

    private static DateTimeOffset NextTime(ref Utf8JsonReader reader)
    {
        reader.Read();
        return Time(ref reader);
    }

    // The reader's ISO 8601 parser reads what the serializer wrote; the general parser (other spellings, in records
    // edited by hand) cost every listing about a millisecond of culture set-up on its first call.
    private static DateTimeOffset Time(ref Utf8JsonReader reader)
        => reader.TryGetDateTimeOffset(out DateTimeOffset t) ? t
            : DateTimeOffset.Parse(reader.GetString() ?? throw new JsonException("expected a string"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}

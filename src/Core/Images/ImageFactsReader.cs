using System.Globalization;
using System.Text.Json;
using Drydock.Core.Content;
using Drydock.Core.Oci;

namespace Drydock.Core.Images;

/// <summary>
/// The listing fast path: reads only the config descriptor and layer sizes of a manifest and the "created"
/// field of a config with <see cref="Utf8JsonReader"/>. <c>drydock images</c> reads two documents per image,
/// and full deserialization of every config field costs more than the rest of the command. Indexes go
/// through <see cref="ImageReader"/>, which knows how to choose the platform.
/// </summary>
internal static class ImageFactsReader
{
    public static async Task<(Digest Id, DateTimeOffset? Created, long Size)> ReadAsync(IContentStore content, Descriptor target, CancellationToken cancellationToken)
    {
        if (!MediaTypes.IsManifest(target.MediaType))
        {
            ResolvedImage image = await ImageReader.ReadAsync(content, target, [], cancellationToken).ConfigureAwait(false);
            return (image.Id, image.Config.Created, image.Size);
        }
        byte[] manifest = await ImageReader.ReadDocumentAsync(content, target, cancellationToken).ConfigureAwait(false);
        (Digest configDigest, long configSize, long layersSize) = ReadManifest(manifest, target.Digest);
        byte[] config = await ImageReader.ReadDocumentAsync(content, new Descriptor(MediaTypes.OciImageConfig, configDigest, configSize), cancellationToken).ConfigureAwait(false);
        return (configDigest, ReadCreated(config, configDigest), configSize + layersSize);
    }

    private static (Digest ConfigDigest, long ConfigSize, long LayersSize) ReadManifest(ReadOnlySpan<byte> json, Digest digest)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            Digest? configDigest = null;
            long configSize = -1, layersSize = 0;
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("config"u8))
                {
                    reader.Read();
                    (configDigest, configSize) = ReadDescriptor(ref reader);
                }
                else if (reader.ValueTextEquals("layers"u8))
                {
                    reader.Read();
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject) layersSize += ReadDescriptor(ref reader).Size;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (configDigest is not { } d || configSize < 0) throw new JsonException("no config descriptor");
            return (d, configSize, layersSize);
        }
        catch (JsonException e)
        {
            throw new DrydockException(ErrorKind.DataCorrupted, $"invalid image manifest '{digest}': {e.Message}");
        }
    }

    /// <summary>Reads one descriptor object (the reader is on its StartObject) for its digest and size.</summary>
    private static (Digest? Digest, long Size) ReadDescriptor(ref Utf8JsonReader reader)
    {
        Digest? digest = null;
        long size = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("digest"u8))
            {
                reader.Read();
                digest = Digest.Parse(reader.GetString()!);
            }
            else if (reader.ValueTextEquals("size"u8))
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
        return (digest, size);
    }

    private static DateTimeOffset? ReadCreated(ReadOnlySpan<byte> json, Digest digest)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool created = reader.ValueTextEquals("created"u8);
                reader.Read();
                if (created && reader.TokenType == JsonTokenType.String)
                    return DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
                reader.Skip();
            }
            return null;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new DrydockException(ErrorKind.DataCorrupted, $"invalid image config '{digest}': {e.Message}");
        }
    }
}

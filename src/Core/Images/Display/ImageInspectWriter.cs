using System.Buffers;
using System.Text;
using System.Text.Json;
using Drydock.Core.Oci;
using Drydock.Core.References;

namespace Drydock.Core.Images.Display;

/// <summary>
/// <c>inspect</c>: a JSON array shaped like docker's image inspect (Id, RepoTags, RepoDigests, Parent, Comment,
/// Created, Author, Config, Architecture, Variant, Os, Size, RootFS, Metadata), indented by four spaces.
/// RepoDigests list <c>repo@digest</c> of the stored manifest or index for every repository naming the image.
/// </summary>
public static class ImageInspectWriter
{
    public static string Write(IReadOnlyList<ResolvedImage> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 4,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            w.WriteStartArray();
            foreach (ResolvedImage image in images) WriteImage(w, image);
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteImage(Utf8JsonWriter w, ResolvedImage image)
    {
        var references = image.Names.Select(ImageNames.TryReference).OfType<ImageReference>().ToList();
        ImageConfig config = image.Config;
        w.WriteStartObject();
        w.WriteString("Id", image.Id.ToString());
        WriteStrings(w, "RepoTags", references.Where(r => r.Tag is not null).Select(r => r.Familiar));
        WriteStrings(w, "RepoDigests", references.Select(r => r.WithDigest(image.Target.Digest).Familiar).Distinct());
        w.WriteString("Parent", "");
        w.WriteString("Comment", config.History is { Count: > 0 } h ? h[^1].Comment ?? "" : "");
        if (config.Created is { } created) w.WriteString("Created", created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
        else w.WriteString("Created", "0001-01-01T00:00:00Z");
        w.WriteString("DockerVersion", "");
        w.WriteString("Author", config.Author ?? "");
        w.WritePropertyName("Config");
        if (config.Config is { } c) JsonSerializer.Serialize(w, c, OciJsonContext.Default.ContainerConfig);
        else w.WriteNullValue();
        w.WriteString("Architecture", config.Architecture);
        if (config.Variant is { } variant) w.WriteString("Variant", variant);
        w.WriteString("Os", config.OS);
        w.WriteNumber("Size", image.Size);
        w.WriteStartObject("RootFS");
        w.WriteString("Type", config.RootFS.Type);
        WriteStrings(w, "Layers", config.RootFS.DiffIds.Select(d => d.ToString()));
        w.WriteEndObject();
        w.WriteStartObject("Descriptor");
        w.WriteString("mediaType", image.Target.MediaType);
        w.WriteString("digest", image.Target.Digest.ToString());
        w.WriteNumber("size", image.Target.Size);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}

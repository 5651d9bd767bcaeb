using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Drydock.Core.Oci;

namespace Drydock.Core.Tests.Oci;

/// <summary>The hand writer against the source-generated serializer it stands in for: the same bytes, always.</summary>
public sealed class OciJsonWriterTests
{
    private static readonly OciJsonContext s_serializer = new(new JsonSerializerOptions(OciJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static readonly Digest D1 = new("sha256", new string('1', 64));
    private static readonly Digest D2 = new("sha256", new string('2', 64));

    private static readonly Descriptor Plain = new(MediaTypes.OciImageManifest, D1, 42);

    private static readonly Descriptor Full = new(MediaTypes.OciLayerGzip, D2, 1L << 40)
    {
        Urls = ["https://example.com/a?b=c&d=<e>", "http://x"],
        Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["org.opencontainers.image.ref.name"] = "v1+rc \"quoted\" \\ été 日本 \u0001",
            ["a"] = "",
        },
        Data = "aGVsbG8=",
        Platform = new Platform("arm64", "linux") { OSVersion = "10.0", OSFeatures = ["win32k", "x"], Variant = "v8" },
        ArtifactType = "application/vnd.example+type",
    };

    public static TheoryData<Descriptor> Descriptors => new() { Plain, Full, Plain with { Platform = Platform.Host, Annotations = new Dictionary<string, string>() } };

    [Theory]
    [MemberData(nameof(Descriptors))]
    public void Descriptor_is_written_as_the_serializer_writes_it(Descriptor d)
        => AssertSame(d, s_serializer.Descriptor, OciJson.Serialize(d));

    [Fact]
    public void Manifest_is_written_as_the_serializer_writes_it()
    {
        var minimal = new ImageManifest { Config = Plain };
        var full = new ImageManifest
        {
            MediaType = MediaTypes.DockerManifest,
            ArtifactType = "application/x",
            Config = Full,
            Layers = [Plain, Full],
            Subject = Plain,
            Annotations = new Dictionary<string, string> { ["k"] = "v</script>" },
        };
        foreach (ImageManifest m in new[] { minimal, full, minimal with { MediaType = null, SchemaVersion = 1 }, minimal with { Layers = null! } })
            AssertSame(m, s_serializer.ImageManifest, OciJson.Serialize(m));
    }

    [Fact]
    public void Index_is_written_as_the_serializer_writes_it()
    {
        var full = new ImageIndex
        {
            ArtifactType = "application/x",
            Manifests = [Plain, Full],
            Subject = Full,
            Annotations = new Dictionary<string, string> { ["io.containerd.image.name"] = "docker.io/library/app:1" },
        };
        foreach (ImageIndex i in new[] { new ImageIndex(), full, full with { MediaType = null, Manifests = null! } })
            AssertSame(i, s_serializer.ImageIndex, OciJson.Serialize(i));
    }

    [Fact]
    public void Layout_file_is_written_as_the_serializer_writes_it()
    {
        AssertSame(new OciLayout(), s_serializer.OciLayout, OciJson.Serialize(new OciLayout()));
        Assert.Equal("""{"imageLayoutVersion":"1.0.0"}""", System.Text.Encoding.UTF8.GetString(OciJson.Serialize(new OciLayout())));
    }

    private static void AssertSame<T>(T value, JsonTypeInfo<T> info, byte[] written)
        => Assert.Equal(System.Text.Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(value, info)), System.Text.Encoding.UTF8.GetString(written));
}

using System.Text;
using System.Text.Json;
using Drydock.Core.Oci;

namespace Drydock.Core.Tests.Oci;

public sealed class OciJsonReaderTests
{
    private const string D1 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string D2 = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    // raw JSON with @D1@ and @D2@ standing for digests
    private static byte[] J(string json) => Encoding.UTF8.GetBytes(json.Replace("@D1@", D1, StringComparison.Ordinal).Replace("@D2@", D2, StringComparison.Ordinal));

    public static TheoryData<string> Configs => new()
    {
        """{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}""",
        // docker's own fields next to the OCI ones, which both readers skip
        """{"architecture":"amd64","config":{"Hostname":"","User":"app","ExposedPorts":{"80/tcp":{},"53/udp":{}},"Env":["PATH=/bin","A=b c"],"Cmd":["sh","-c","echo \u00e9 \"q\""],"Volumes":{"/data":{}},"WorkingDir":"/srv","Labels":{"a":"1","b":""},"StopSignal":"SIGQUIT","ArgsEscaped":true,"Healthcheck":{"Test":["CMD","true"],"Interval":30000000000,"Timeout":5,"StartPeriod":6,"StartInterval":7,"Retries":3},"OnBuild":["RUN x"],"Shell":["/bin/bash","-c"],"Entrypoint":null},"container":"abc","container_config":{"Cmd":["x"]},"created":"2024-05-01T10:11:12.123456789Z","docker_version":"20.10","history":[{"created":"2024-05-01T10:11:12Z","created_by":"/bin/sh -c #(nop) ADD file","comment":"buildkit","author":"me"},{"created_by":"ENV A=b","empty_layer":true}],"os":"linux","os.version":"10","os.features":["f"],"variant":"v8","author":"someone","rootfs":{"type":"layers","diff_ids":["@D1@","@D2@"]}}""",
        """{"os":"linux","architecture":"arm64","config":null,"history":null,"created":null}""",
        """{"rootfs":{}}""",
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void A_config_reads_as_the_serializer_reads_it(string json)
    {
        byte[] bytes = J(json);
        ImageConfig fast = OciJsonReader.TryReadConfig(bytes) ?? throw new InvalidOperationException("not read");
        ImageConfig slow = JsonSerializer.Deserialize(bytes, OciJsonContext.Default.ImageConfig)!;
        Assert.Equal(OciJson.Serialize(slow), OciJson.Serialize(fast));
    }

    [Fact]
    public void A_manifest_reads_as_the_serializer_reads_it()
    {
        byte[] bytes = J("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"@D1@","size":7023},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"@D2@","size":32654,"urls":["https://x"],"annotations":{"k":"v"}}],"annotations":{"org.opencontainers.image.created":"2024"}}""");
        ImageManifest fast = OciJsonReader.TryReadManifest(bytes) ?? throw new InvalidOperationException("not read");
        ImageManifest slow = JsonSerializer.Deserialize(bytes, OciJsonContext.Default.ImageManifest)!;
        Assert.Equal(OciJson.Serialize(slow), OciJson.Serialize(fast));
        Assert.Equal("v", fast.Layers[0].Annotations!["k"]);
    }

    [Fact]
    public void Properties_left_out_are_defaults_as_the_serializer_makes_them()
    {
        byte[] bytes = J("""{"config":{"mediaType":"m","digest":"@D1@","size":1}}""");
        Assert.Equal(OciJson.Serialize(JsonSerializer.Deserialize(bytes, OciJsonContext.Default.ImageManifest)!), OciJson.Serialize(OciJsonReader.TryReadManifest(bytes)!));
    }

    [Theory]
    [InlineData("""{"config":{"mediaType":"m","digest":"@D1@","size":1,"platform":{"architecture":"amd64","os":"linux"}},"layers":[]}""")]
    [InlineData("""{"config":{"mediaType":"m","digest":"@D1@","size":1},"layers":[],"subject":{"mediaType":"m","digest":"@D2@","size":2}}""")]
    [InlineData("""{"config":{"mediaType":"m","digest":"sha256:nothex","size":1},"layers":[]}""")]
    [InlineData("""{"config":null,"layers":[]}""")]
    [InlineData("""{"layers":[]} trailing""")]
    public void What_the_reader_does_not_model_is_left_to_the_serializer(string json)
        => Assert.Null(OciJsonReader.TryReadManifest(J(json)));

    [Fact]
    public void A_malformed_config_is_still_reported_as_corrupt()
    {
        byte[] bytes = """{"architecture":"amd64","rootfs":{"type":"layers","diff_ids":["sha256:zz"]}}"""u8.ToArray();
        Assert.Null(OciJsonReader.TryReadConfig(bytes));
        Assert.Equal(ErrorKind.DataCorrupted, Assert.Throws<DrydockException>(() => OciJson.DeserializeConfig(bytes)).Kind);
    }
}

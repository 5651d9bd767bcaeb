namespace Drydock.Core.Oci;

/// <summary>Media types of the OCI image spec v1.1 and the Docker schema2 types we read.</summary>
public static class MediaTypes
{
    public const string OciDescriptor = "application/vnd.oci.descriptor.v1+json";
    public const string OciLayoutHeader = "application/vnd.oci.layout.header.v1+json";
    public const string OciImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string OciImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciImageConfig = "application/vnd.oci.image.config.v1+json";
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";
    public const string OciLayer = "application/vnd.oci.image.layer.v1.tar";
    public const string OciLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip";
    public const string OciLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd";
    public const string OciLayerNonDistributable = "application/vnd.oci.image.layer.nondistributable.v1.tar";
    public const string OciLayerNonDistributableGzip = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip";
    public const string OciLayerNonDistributableZstd = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd";

    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar";
    public const string DockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string DockerLayerZstd = "application/vnd.docker.image.rootfs.diff.tar.zstd";
    public const string DockerForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    public static bool IsIndex(string mediaType) => mediaType is OciImageIndex or DockerManifestList;

    public static bool IsManifest(string mediaType) => mediaType is OciImageManifest or DockerManifest;

    public static bool IsConfig(string mediaType) => mediaType is OciImageConfig or DockerConfig;

    public static bool IsLayer(string mediaType) => LayerCompression(mediaType) is not null;

    /// <summary>The compression of a layer media type, or null when the type is not a layer we know.</summary>
    public static LayerCompression? LayerCompression(string mediaType) => mediaType switch
    {
        OciLayer or OciLayerNonDistributable or DockerLayer => Oci.LayerCompression.None,
        OciLayerGzip or OciLayerNonDistributableGzip or DockerLayerGzip or DockerForeignLayerGzip => Oci.LayerCompression.Gzip,
        OciLayerZstd or OciLayerNonDistributableZstd or DockerLayerZstd => Oci.LayerCompression.Zstd,
        _ => null,
    };

    public static string OciLayerFor(LayerCompression compression) => compression switch
    {
        Oci.LayerCompression.None => OciLayer,
        Oci.LayerCompression.Gzip => OciLayerGzip,
        Oci.LayerCompression.Zstd => OciLayerZstd,
        _ => throw new ArgumentOutOfRangeException(nameof(compression)),
    };
}

public enum LayerCompression
{
    None,
    Gzip,
    Zstd,
}

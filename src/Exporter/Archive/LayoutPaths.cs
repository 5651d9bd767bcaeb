using Drydock.Core;

namespace Drydock.Exporter.Archive;

/// <summary>File names of the OCI image layout (image-spec image-layout.md) and of docker's archive format.</summary>
internal static class LayoutPaths
{
    public const string OciLayout = "oci-layout";
    public const string Index = "index.json";
    public const string DockerManifest = "manifest.json";
    public const string DockerRepositories = "repositories";

    /// <summary>Annotation with the tag (docker, skopeo) or full reference of an index.json entry.</summary>
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";

    /// <summary>Annotation with the full normalized name, as containerd and docker 25+ write it.</summary>
    public const string ImageNameAnnotation = "io.containerd.image.name";

    public static string Blob(Digest digest) => $"blobs/{digest.Algorithm}/{digest.Encoded}";

    /// <summary>The digest a "blobs/&lt;alg&gt;/&lt;hex&gt;" path names, if it is one.</summary>
    public static Digest? TryBlobDigest(string path)
    {
        string[] parts = path.Split('/');
        return parts.Length == 3 && parts[0] == "blobs" && Digest.TryParse($"{parts[1]}:{parts[2]}", out Digest d) ? d : null;
    }
}

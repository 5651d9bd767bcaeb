using Drydock.Core;
using Drydock.Core.References;
using Drydock.Exporter.Archive;

namespace Drydock.Exporter.Transports;

/// <summary>
/// Where <c>pull</c> reads an image from: <c>oci-layout://DIR[:TAG|@DIGEST]</c> or <c>docker-archive://FILE</c>.
/// An image from a layout whose index entry carries no full name is named <c>localhost/&lt;dir name&gt;:&lt;tag&gt;</c>.
/// Plain references name a registry, which Drydock cannot pull from yet.
/// </summary>
public sealed record ImageSource(string Path, LoadOptions Options)
{
    public const string OciLayoutScheme = "oci-layout://";
    public const string DockerArchiveScheme = "docker-archive://";

    public static ImageSource Parse(string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        if (source.StartsWith(OciLayoutScheme, StringComparison.Ordinal)) return ParseOciLayout(source, source[OciLayoutScheme.Length..]);
        if (source.StartsWith(DockerArchiveScheme, StringComparison.Ordinal))
        {
            string file = source[DockerArchiveScheme.Length..];
            if (file.Length == 0) throw Invalid(source, "expected docker-archive://FILE");
            return new ImageSource(file, new LoadOptions());
        }
        if (source.Contains("://", StringComparison.Ordinal))
            throw new DrydockException(ErrorKind.Unsupported, $"unsupported transport in '{source}': use oci-layout://DIR[:TAG|@DIGEST] or docker-archive://FILE");
        ImageReference.Parse(source); // a malformed reference gets its own, clearer error
        throw new DrydockException(ErrorKind.Unsupported,
            $"cannot pull '{source}': pulling from registries is not supported yet; use 'drydock load -i FILE', or pull oci-layout://DIR[:TAG] or docker-archive://FILE");
    }

    private static ImageSource ParseOciLayout(string source, string rest)
    {
        string dir = rest;
        string? tag = null;
        Digest? digest = null;
        int at = rest.LastIndexOf('@');
        int colon = rest.LastIndexOf(':');
        if (at > 0 && at > rest.LastIndexOf('/'))
        {
            dir = rest[..at];
            if (!Digest.TryParse(rest[(at + 1)..], out Digest d)) throw Invalid(source, $"invalid digest '{rest[(at + 1)..]}'");
            digest = d;
        }
        else if (colon > 0 && colon > rest.LastIndexOf('/'))
        {
            dir = rest[..colon];
            tag = rest[(colon + 1)..];
        }
        if (dir.Length == 0) throw Invalid(source, "expected oci-layout://DIR[:TAG|@DIGEST]");
        string repository = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(dir))).ToLowerInvariant();
        string? defaultName = ImageReference.TryParse($"localhost/{repository}:{tag ?? ImageReference.DefaultTag}", out ImageReference? r) ? r.ToString() : null;
        return new ImageSource(dir, new LoadOptions { Tag = tag, Digest = digest, DefaultName = digest is null ? defaultName : null });
    }

    private static DrydockException Invalid(string source, string why) => new(ErrorKind.InvalidArgument, $"invalid image source '{source}': {why}");
}

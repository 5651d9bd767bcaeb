using System.Diagnostics.CodeAnalysis;

namespace Drydock.Core.References;

/// <summary>
/// An image reference in docker's grammar (distribution/reference): <c>[host[:port]/]path[:tag][@digest]</c>,
/// normalized as docker does: <c>busybox</c> is <c>docker.io/library/busybox:latest</c>, <c>index.docker.io</c>
/// is <c>docker.io</c>, and a name without tag or digest gets <c>latest</c>. <see cref="ToString"/> is the
/// normalized form the image store keys on; <see cref="Familiar"/> is the short form docker prints.
/// </summary>
public sealed record ImageReference
{
    public const string DefaultDomain = "docker.io";
    public const string DefaultTag = "latest";
    private const string OfficialRepoPrefix = "library/";
    private const int NameMaxLength = 255;

    private ImageReference(string domain, string path, string? tag, Digest? digest)
    {
        Domain = domain;
        Path = path;
        Tag = tag;
        Digest = digest;
    }

    /// <summary>The registry host, with port when given: <c>docker.io</c>, <c>localhost:5000</c>.</summary>
    public string Domain { get; }

    /// <summary>The repository path inside the registry: <c>library/busybox</c>.</summary>
    public string Path { get; }

    public string? Tag { get; }

    public Digest? Digest { get; }

    /// <summary>domain/path: <c>docker.io/library/busybox</c>.</summary>
    public string Repository => $"{Domain}/{Path}";

    /// <summary>The repository as docker shows it: <c>busybox</c>, <c>example.com/app</c>.</summary>
    public string FamiliarRepository
    {
        get
        {
            if (Domain != DefaultDomain) return Repository;
            return Path.StartsWith(OfficialRepoPrefix, StringComparison.Ordinal) && Path.IndexOf('/', OfficialRepoPrefix.Length) < 0
                ? Path[OfficialRepoPrefix.Length..]
                : Path;
        }
    }

    /// <summary>The short form docker prints: <c>busybox:latest</c>, <c>localhost:5000/app@sha256:…</c>.</summary>
    public string Familiar => FamiliarRepository + Suffix;

    private string Suffix => (Tag is null ? "" : ":" + Tag) + (Digest is { } d ? "@" + d : "");

    public override string ToString() => Repository + Suffix;

    public ImageReference WithTag(string tag)
    {
        if (!ReferenceGrammar.IsTag(tag)) throw Invalid(tag, "invalid tag format");
        return new(Domain, Path, tag, null);
    }

    public ImageReference WithDigest(Digest digest) => new(Domain, Path, null, digest);

    /// <summary>The repository alone, without tag or digest (for --digests listings and RepoDigests).</summary>
    public ImageReference WithoutTagOrDigest() => new(Domain, Path, null, null);

    /// <summary>Parses and normalizes, adding <c>:latest</c> when neither tag nor digest is given.</summary>
    public static ImageReference Parse(string s) => ParseCore(s, addDefaultTag: true);

    /// <summary>Parses and normalizes without adding a default tag.</summary>
    public static ImageReference ParseNormalizedName(string s) => ParseCore(s, addDefaultTag: false);

    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out ImageReference? reference)
    {
        reference = null;
        if (s is null) return false;
        try
        {
            reference = Parse(s);
            return true;
        }
        catch (DrydockException)
        {
            return false;
        }
    }

    private static ImageReference ParseCore(string s, bool addDefaultTag)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Length == 0) throw Invalid(s, "repository name must have at least one component");
        if (!ReferenceGrammar.TrySplit(s, out string name, out string? tag, out string? digestText))
        {
            if (ReferenceGrammar.TrySplit(s.ToLowerInvariant(), out _, out _, out _)) throw Invalid(s, "repository name must be lowercase");
            throw Invalid(s, "invalid reference format");
        }
        if (ReferenceGrammar.IsImageIdHex(name)) throw Invalid(s, "cannot specify 64-byte hexadecimal strings");
        (string domain, string path) = SplitDomain(name);
        if (domain.Length + 1 + path.Length > NameMaxLength) throw Invalid(s, $"repository name must not be more than {NameMaxLength} characters");
        Digest? digest = null;
        if (digestText is not null)
        {
            if (!Core.Digest.TryParse(digestText, out Digest d)) throw Invalid(s, "invalid digest format");
            digest = d;
        }
        if (tag is null && digest is null && addDefaultTag) tag = DefaultTag;
        return new ImageReference(domain, path, tag, digest);
    }

    // docker's splitDockerDomain: the first component is a registry when it has a '.' or ':', is localhost, or has upper case.
    private static (string Domain, string Path) SplitDomain(string name)
    {
        int slash = name.IndexOf('/', StringComparison.Ordinal);
        string domain, path;
        if (slash < 0 || !NamesRegistry(name[..slash]))
        {
            domain = DefaultDomain;
            path = name;
        }
        else
        {
            domain = name[..slash];
            path = name[(slash + 1)..];
        }
        if (domain == "index.docker.io") domain = DefaultDomain;
        if (domain == DefaultDomain && !path.Contains('/', StringComparison.Ordinal)) path = OfficialRepoPrefix + path;
        if (!ReferenceGrammar.IsPath(path)) throw Invalid(name, "repository name must be lowercase");
        return (domain, path);
    }

    private static bool NamesRegistry(string first)
        => first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"
            || first.Any(char.IsAsciiLetterUpper);

    private static DrydockException Invalid(string s, string why)
        => new(ErrorKind.InvalidArgument, $"invalid reference '{s}': {why} (expected [host[:port]/]name[:tag][@sha256:digest], e.g. busybox:latest)");
}

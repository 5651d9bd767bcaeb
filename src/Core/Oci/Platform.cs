using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Drydock.Core.Oci;

/// <summary>An OCI platform (image-index.md). <see cref="ToString"/> gives the "os/arch[/variant]" form.</summary>
public sealed record Platform(
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("os")] string OS)
{
    [JsonPropertyName("os.version"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OSVersion { get; init; }

    [JsonPropertyName("os.features"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? OSFeatures { get; init; }

    [JsonPropertyName("variant"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Variant { get; init; }

    /// <summary>The platform this process runs on, in GOARCH terms as OCI uses them.</summary>
    public static Platform Host { get; } = new(RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.S390x => "s390x",
        System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
        System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
        var a => a.ToString().ToLowerInvariant(),
    }, "linux")
    { Variant = RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "v8" : null };

    /// <summary>Parses "os[/arch[/variant]]" as docker's --platform does; "linux/x86_64" normalizes to amd64.</summary>
    public static Platform Parse(string s)
    {
        string[] parts = s.Trim().ToLowerInvariant().Split('/');
        if (parts.Length is < 1 or > 3 || parts.Any(string.IsNullOrEmpty))
            throw new DrydockException(ErrorKind.InvalidArgument, $"invalid platform '{s}': expected os/arch[/variant], e.g. linux/amd64");
        string os = parts[0];
        string arch = parts.Length > 1 ? parts[1] : Host.Architecture;
        string? variant = parts.Length > 2 ? parts[2] : null;
        (arch, variant) = arch switch
        {
            "x86_64" or "x86-64" => ("amd64", variant),
            "aarch64" => ("arm64", variant ?? "v8"),
            "arm64" => ("arm64", variant ?? "v8"),
            "armhf" => ("arm", "v7"),
            "armel" => ("arm", "v6"),
            "i386" => ("386", variant),
            _ => (arch, variant),
        };
        return new Platform(arch, os) { Variant = variant };
    }

    public bool Matches(Platform other) => OS == other.OS && Architecture == other.Architecture
        && (Variant is null || other.Variant is null || Variant == other.Variant);

    public override string ToString() => Variant is null ? $"{OS}/{Architecture}" : $"{OS}/{Architecture}/{Variant}";
}

namespace Drydock.Parser.Expansion;

/// <summary>
/// The automatic platform ARGs BuildKit defines in the global scope: TARGETPLATFORM/OS/ARCH/VARIANT for the
/// platform being built, BUILDPLATFORM/OS/ARCH/VARIANT for the machine building it. Platforms are
/// <c>os/arch[/variant]</c>, e.g. <c>linux/amd64</c>, <c>linux/arm/v7</c>.
/// </summary>
public sealed record PlatformArgs(string TargetPlatform, string BuildPlatform)
{
    /// <summary>Both platforms set to the machine this process runs on.</summary>
    public static PlatformArgs Host { get; } = new(HostPlatform(), HostPlatform());

    public IEnumerable<KeyValuePair<string, string>> Values()
    {
        foreach (var pair in Split("TARGET", TargetPlatform)) yield return pair;
        foreach (var pair in Split("BUILD", BuildPlatform)) yield return pair;
    }

    /// <summary>The names of the automatic ARGs.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
    };

    private static IEnumerable<KeyValuePair<string, string>> Split(string prefix, string platform)
    {
        string[] parts = platform.Split('/');
        yield return new(prefix + "PLATFORM", platform);
        yield return new(prefix + "OS", parts.Length > 0 ? parts[0] : "");
        yield return new(prefix + "ARCH", parts.Length > 1 ? parts[1] : "");
        yield return new(prefix + "VARIANT", parts.Length > 2 ? parts[2] : "");
    }

    private static string HostPlatform()
    {
        string arch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => "amd64",
            System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
            System.Runtime.InteropServices.Architecture.Arm => "arm/v7",
            System.Runtime.InteropServices.Architecture.X86 => "386",
            System.Runtime.InteropServices.Architecture.S390x => "s390x",
            System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
            System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
            var other => other.ToString().ToLowerInvariant(),
        };
        return "linux/" + arch;
    }
}

using Drydock.Core;

namespace Drydock.Runtime.Linux;

/// <summary>RLIMIT_ names of getrlimit(2) as resource numbers.</summary>
internal static class Rlimits
{
    private static readonly string[] s_names =
    [
        "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS", "RLIMIT_NPROC", "RLIMIT_NOFILE",
        "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING", "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME",
    ];

    public static int Resource(string name)
    {
        int i = Array.IndexOf(s_names, name);
        return i >= 0 ? i : throw new DrydockException(ErrorKind.InvalidArgument, $"unknown rlimit '{name}'");
    }
}

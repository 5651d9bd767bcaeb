using System.Globalization;
using Drydock.Core;

namespace Drydock.Containers.Spec;

/// <summary>Signal names as docker accepts them ("SIGTERM", "TERM", "15"), for --signal and the image's StopSignal.</summary>
public static class Signals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    private static readonly string[] s_names =
    [
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM",
        "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
        "WINCH", "IO", "PWR", "SYS",
    ];

    public static int Parse(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        string s = value.Trim().ToUpperInvariant();
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is > 0 and <= 64) return n;
        if (s.StartsWith("SIG", StringComparison.Ordinal)) s = s[3..];
        if (s.StartsWith("RTMIN", StringComparison.Ordinal) || s.StartsWith("RTMAX", StringComparison.Ordinal))
        {
            int offset = s.Length > 5 && int.TryParse(s.AsSpan(5), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int o) ? o : 0;
            int rt = s.StartsWith("RTMIN", StringComparison.Ordinal) ? 34 + offset : 64 + offset;
            if (rt is >= 34 and <= 64) return rt;
        }
        int index = Array.IndexOf(s_names, s);
        if (index > 0) return index;
        if (s == "IOT") return 6;
        if (s == "POLL") return 29;
        throw new DrydockException(ErrorKind.InvalidArgument, $"invalid signal: {value}");
    }
}

using System.Globalization;
using System.Runtime.InteropServices;
using Drydock.Core;

namespace Drydock.Runtime.Cli;

/// <summary>Signal names and numbers (signal(7), x86-64 and arm64 numbering).</summary>
internal static class Signals
{
    private static readonly string[] s_names =
    [
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM",
        "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
    ];

    public static int Parse(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is > 0 and < 65) return n;
        string name = text.ToUpperInvariant();
        if (name.StartsWith("SIG", StringComparison.Ordinal)) name = name[3..];
        int i = Array.IndexOf(s_names, name);
        return i > 0 ? i : throw new DrydockException(ErrorKind.InvalidArgument, $"unknown signal '{text}'");
    }

    public static int Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        _ => (int)signal,
    };
}

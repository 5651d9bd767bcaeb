using System.Runtime.InteropServices;
using System.Runtime.Versioning;

/// <summary>Sessions and signals for processes Drydock supervises but did not start itself (containers, their supervisors).</summary>
internal static partial class Interop
{
    [SupportedOSPlatform("linux")]
    internal static partial class Libc
    {
        // setsid(2): https://man7.org/linux/man-pages/man2/setsid.2.html
        [LibraryImport("libc", SetLastError = true)]
        internal static partial int setsid();

        // kill(2): https://man7.org/linux/man-pages/man2/kill.2.html
        [LibraryImport("libc", SetLastError = true)]
        internal static partial int kill(int pid, int sig);
    }
}

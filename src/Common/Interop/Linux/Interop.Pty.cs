using System.Runtime.InteropServices;
using System.Runtime.Versioning;

/// <summary>Terminal settings for a container's pty: raw mode on the caller's terminal and window sizes.</summary>
internal static partial class Interop
{
    [SupportedOSPlatform("linux")]
    internal static unsafe partial class Libc
    {
        // termios(3): the struct is opaque here (60 bytes on Linux); only copied, made raw and restored
        [LibraryImport("libc", SetLastError = true)]
        internal static partial int tcgetattr(int fd, byte* termios);

        [LibraryImport("libc", SetLastError = true)]
        internal static partial int tcsetattr(int fd, int optionalActions, byte* termios);

        [LibraryImport("libc")]
        internal static partial void cfmakeraw(byte* termios);

        [LibraryImport("libc", SetLastError = true)]
        internal static partial int isatty(int fd);

        // ioctl_tty(2): TIOCGWINSZ / TIOCSWINSZ
        [LibraryImport("libc", SetLastError = true)]
        internal static partial int ioctl(int fd, nuint request, WinSize* size);

        internal const int TermiosSize = 64;
        internal const int TCSANOW = 0;
        internal const nuint TIOCGWINSZ = 0x5413;
        internal const nuint TIOCSWINSZ = 0x5414;

        [StructLayout(LayoutKind.Sequential)]
        internal struct WinSize
        {
            public ushort Rows;
            public ushort Columns;
            public ushort XPixels;
            public ushort YPixels;
        }
    }
}

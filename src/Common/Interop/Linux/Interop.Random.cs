using System.Runtime.InteropServices;
using System.Runtime.Versioning;

/// <summary>
/// Random bytes straight from the kernel: RandomNumberGenerator goes through OpenSSL on Linux, and loading and
/// initializing it cost a `drydock run` about 4 ms for the one container ID it needs.
/// </summary>
internal static partial class Interop
{
    [SupportedOSPlatform("linux")]
    internal static partial class Libc
    {
        // getrandom(2): https://man7.org/linux/man-pages/man2/getrandom.2.html
        [LibraryImport("libc", SetLastError = true)]
        private static unsafe partial nint getrandom(byte* buffer, nuint length, uint flags);

        /// <summary>Fills <paramref name="buffer"/> from the urandom source; blocks only before the pool is first initialized at boot.</summary>
        internal static unsafe void FillRandom(Span<byte> buffer)
        {
            fixed (byte* p = buffer)
            {
                int done = 0;
                while (done < buffer.Length)
                {
                    long n = getrandom(p + done, (nuint)(buffer.Length - done), 0);
                    if (n == -1 && Marshal.GetLastPInvokeError() == 4) continue; // EINTR
                    ThrowIfError(n, "getrandom");
                    done += (int)n;
                }
            }
        }
    }
}

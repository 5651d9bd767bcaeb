using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Drydock.Core;

/// <summary>
/// Our own LibraryImport declarations, one file per group of syscalls under src/Common/Interop/Linux,
/// linked into the assemblies that need them (see the Compile items in each .csproj).
/// </summary>
[SupportedOSPlatform("linux")]
internal static partial class Interop
{
    internal static void ThrowIfError(int result, string operation, string? path = null)
    {
        if (result != -1) return;
        throw new UnixIOException(operation, path, Marshal.GetLastPInvokeError());
    }

    internal static void ThrowIfError(long result, string operation, string? path = null)
    {
        if (result != -1) return;
        throw new UnixIOException(operation, path, Marshal.GetLastPInvokeError());
    }
}

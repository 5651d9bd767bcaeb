using Drydock.Core;

namespace Drydock.Containers.Running;

/// <summary>kill(2) and setsid(2) for the processes containers run in; Linux only, as containers are.</summary>
internal static class ProcessSignals
{
    /// <summary>Sends a signal; false when the process is gone (ESRCH).</summary>
    public static bool Send(int pid, int signal, string subject)
    {
        if (!OperatingSystem.IsLinux()) throw NotLinux();
        if (Interop.Libc.kill(pid, signal) == 0) return true;
        int errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        if (errno == 3) return false;
        throw new UnixIOException($"failed to signal {subject}", null, errno);
    }

    /// <summary>Starts a new session, leaving the caller's terminal and process group.</summary>
    public static void DetachFromTerminal()
    {
        if (!OperatingSystem.IsLinux()) throw NotLinux();
        // EPERM only when already a process group leader, which a freshly spawned supervisor never is
        _ = Interop.Libc.setsid();
    }

    private static DrydockException NotLinux() => new(ErrorKind.Unsupported, "containers need Linux");
}

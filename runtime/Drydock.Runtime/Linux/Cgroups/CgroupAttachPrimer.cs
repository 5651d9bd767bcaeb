using System.Runtime.InteropServices;

namespace Drydock.Runtime.Linux.Cgroups;

/// <summary>
/// Starts, first thing, the wait the kernel makes the first move into a cgroup pay. Every such move (v1 or v2)
/// takes one kernel-wide lock whose first writer waits out an RCU grace period, 10–20 ms on an idle machine: the
/// largest part of a container's start when its config asks for a cgroup. A writer arriving during that wait, or
/// within a grace period after it, shares it. So the runtime CLI spawns `drydock-init --prime-cgroup-lock`, which
/// moves itself into the cgroup it is already in (moving nothing), while .NET reads the config; the container's
/// own move then finds the grace period already passing. A separate process, because the waiting writer holds
/// the cgroup mutex and a thread of ours doing it would compete with the start path for the loader and the CPU.
/// </summary>
internal sealed unsafe class CgroupAttachPrimer : IDisposable
{
    private int _pid;

    private CgroupAttachPrimer(int pid) => _pid = pid;

    /// <summary>Best effort: when drydock-init cannot be spawned, the container's start pays the wait itself.</summary>
    public static CgroupAttachPrimer Start(string initPath)
    {
        if (!OperatingSystem.IsLinux()) return new CgroupAttachPrimer(0);
        void* actions = NativeMemory.AllocZeroed(256);
        try
        {
            if (Interop.Libc.posix_spawn_file_actions_init(actions) != 0) return new CgroupAttachPrimer(0);
            fixed (byte* devNull = "/dev/null\0"u8)
            {
                for (int fd = 0; fd <= 2; fd++) Interop.Libc.posix_spawn_file_actions_addopen(actions, fd, devNull, Interop.Libc.O_RDWR, 0);
            }
            fixed (byte* argument = "--prime-cgroup-lock\0"u8)
                return new CgroupAttachPrimer(InitProcess.PosixSpawn(initPath, argument, actions, out int pid) == 0 ? pid : 0);
        }
        finally
        {
            Interop.Libc.posix_spawn_file_actions_destroy(actions);
            NativeMemory.Free(actions);
        }
    }

    /// <summary>Reaps the helper (long done by the time a container has started).</summary>
    public void Dispose()
    {
        if (_pid <= 0 || !OperatingSystem.IsLinux()) return;
        while (Interop.Libc.waitpid(_pid, out _, 0) < 0 && Marshal.GetLastPInvokeError() == Interop.Libc.EINTR)
        {
        }
        _pid = 0;
    }
}

using System.Runtime.InteropServices;
using System.Text;
using Drydock.Core;

namespace Drydock.Runtime.Linux;

/// <summary>
/// drydock-init, spawned with posix_spawn (never fork from .NET): fd 3 is a SOCK_SEQPACKET socket that takes
/// the plan and returns one datagram per event (see drydock-init.c). Reads block, so they run on the
/// container's own long-running thread.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed unsafe class InitProcess : IDisposable
{
    private int _controlFd;

    private InitProcess(int pid, int controlFd)
    {
        Pid = pid;
        _controlFd = controlFd;
    }

    public int Pid { get; }

    /// <summary>Spawns drydock-init with the given fds as its 0/1/2 (-1 inherits ours; "/dev/null" when <paramref name="nullStdin"/>).</summary>
    public static InitProcess Spawn(string initPath, bool nullStdin, int stdout, int stderr)
    {
        int* pair = stackalloc int[2];
        Interop.ThrowIfError(Interop.Libc.socketpair(Interop.Libc.AF_UNIX, Interop.Libc.SOCK_SEQPACKET | Interop.Libc.SOCK_CLOEXEC, 0, pair), "socketpair");
        void* actions = NativeMemory.AllocZeroed(256);
        try
        {
            Check(Interop.Libc.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            if (nullStdin)
            {
                fixed (byte* devNull = "/dev/null\0"u8)
                    Check(Interop.Libc.posix_spawn_file_actions_addopen(actions, 0, devNull, Interop.Libc.O_RDWR, 0), "posix_spawn_file_actions_addopen");
            }
            // stdio first, then fd 3: a source fd numbered 3 is copied before it is replaced
            if (stdout >= 0) Check(Interop.Libc.posix_spawn_file_actions_adddup2(actions, stdout, 1), "posix_spawn_file_actions_adddup2");
            if (stderr >= 0) Check(Interop.Libc.posix_spawn_file_actions_adddup2(actions, stderr, 2), "posix_spawn_file_actions_adddup2");
            Check(Interop.Libc.posix_spawn_file_actions_adddup2(actions, pair[1], 3), "posix_spawn_file_actions_adddup2");
            int err = PosixSpawn(initPath, null, actions, out int pid);
            if (err != 0) throw new UnixIOException("posix_spawn", initPath, err);
            return new InitProcess(pid, pair[0]);
        }
        catch
        {
            Interop.Libc.close(pair[0]);
            throw;
        }
        finally
        {
            Interop.Libc.posix_spawn_file_actions_destroy(actions);
            NativeMemory.Free(actions);
            Interop.Libc.close(pair[1]);
        }
    }

    /// <summary>
    /// posix_spawn of drydock-init with no environment, <paramref name="argument"/> (NUL-terminated, or null) as its
    /// one argument and <paramref name="actions"/> as its file actions; the error number, 0 when it started.
    /// </summary>
    internal static int PosixSpawn(string initPath, byte* argument, void* actions, out int pid)
    {
        byte[] path = Encoding.UTF8.GetBytes(initPath + "\0");
        fixed (byte* p = path)
        fixed (byte* arg0 = "drydock-init\0"u8)
        {
            byte** argv = stackalloc byte*[3] { arg0, argument, null };
            byte** envp = stackalloc byte*[1] { null };
            return Interop.Libc.posix_spawn(out pid, p, actions, null, argv, envp);
        }
    }

    private static void Check(int err, string operation)
    {
        if (err != 0) throw new UnixIOException(operation, null, err);
    }

    public void SendPlan(byte[] plan)
    {
        fixed (byte* p = plan)
        {
            nint n = Interop.Libc.send(_controlFd, p, (nuint)plan.Length, Interop.Libc.MSG_NOSIGNAL);
            if (n < 0) throw new UnixIOException("send the plan to drydock-init", null, Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>The next datagram: (kind, text, received fd or -1); kind '\0' is EOF (drydock-init is gone).</summary>
    public (char Kind, string Text, int Fd) Receive()
    {
        byte* buffer = stackalloc byte[8192];
        const int controlSize = 64;
        byte* control = stackalloc byte[controlSize];
        var iov = new Interop.Libc.IoVec { Base = buffer, Length = 8192 };
        var msg = new Interop.Libc.MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = controlSize };
        nint n;
        while ((n = Interop.Libc.recvmsg(_controlFd, &msg, Interop.Libc.MSG_CMSG_CLOEXEC)) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Interop.Libc.EINTR) throw new UnixIOException("recvmsg from drydock-init", null, errno);
        }
        if (n == 0) return ('\0', "", -1);
        int fd = -1;
        if (msg.ControlLength >= (nuint)sizeof(Interop.Libc.CMsgHdr))
        {
            var header = (Interop.Libc.CMsgHdr*)control;
            if (header->Level == Interop.Libc.SOL_SOCKET && header->Type == Interop.Libc.SCM_RIGHTS) fd = *(int*)(control + sizeof(Interop.Libc.CMsgHdr));
        }
        return ((char)buffer[0], Encoding.UTF8.GetString(buffer + 1, (int)n - 1), fd);
    }

    /// <summary>Reaps drydock-init (only this pid: .NET reaps its own children and must not lose one).</summary>
    public int Wait()
    {
        int status;
        while (Interop.Libc.waitpid(Pid, out status, 0) < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            if (errno != Interop.Libc.EINTR) return 255;
        }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
    }

    /// <summary>Hangs up fd 3: drydock-init kills the container (or gives up starting it) and exits.</summary>
    public void HangUp()
    {
        int fd = _controlFd;
        if (fd >= 0) Interop.Libc.shutdown(fd, Interop.Libc.SHUT_RDWR);
    }

    /// <summary>Closing fd 3 tells a supervising drydock-init that Drydock is gone: it kills the container.</summary>
    public void Dispose()
    {
        int fd = Interlocked.Exchange(ref _controlFd, -1);
        if (fd >= 0) Interop.Libc.close(fd);
    }
}

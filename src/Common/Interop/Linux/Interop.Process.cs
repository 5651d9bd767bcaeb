using System.Runtime.InteropServices;
using System.Runtime.Versioning;

/// <summary>Waiting for, and talking to, the processes Drydock spawned itself (drydock-init).</summary>
internal static partial class Interop
{
    [SupportedOSPlatform("linux")]
    internal static unsafe partial class Libc
    {
        // waitpid(2): only ever on a pid we spawned, never -1 (.NET reaps its own Process children)
        [LibraryImport("libc", SetLastError = true)]
        internal static partial int waitpid(int pid, out int status, int options);

        [LibraryImport("libc", SetLastError = true)]
        internal static partial int close(int fd);

        // send(2) / recvmsg(2): one datagram of the SOCK_SEQPACKET plan socket; recvmsg also carries SCM_RIGHTS
        [LibraryImport("libc", SetLastError = true)]
        internal static partial nint send(int fd, byte* buffer, nuint length, int flags);

        [LibraryImport("libc", SetLastError = true)]
        internal static partial nint recvmsg(int fd, MsgHdr* message, int flags);

        // getrlimit(2): the defaults of a container's rlimits never exceed the caller's hard limit
        [LibraryImport("libc", SetLastError = true)]
        internal static partial int getrlimit(int resource, RLimit* limit);

        // mkfifo(3): the exec fifo that holds a created container before `start`
        [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int mkfifo(string path, uint mode);

        internal const int MSG_NOSIGNAL = 0x4000;
        internal const int MSG_CMSG_CLOEXEC = 0x40000000;
        internal const int SOL_SOCKET = 1;
        internal const int SCM_RIGHTS = 1;
        internal const int EINTR = 4;
        internal const int RLIMIT_NOFILE = 7;

        [StructLayout(LayoutKind.Sequential)]
        internal struct IoVec
        {
            public void* Base;
            public nuint Length;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct MsgHdr
        {
            public void* Name;
            public uint NameLength;
            public IoVec* Iov;
            public nuint IovLength;
            public void* Control;
            public nuint ControlLength;
            public int Flags;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct CMsgHdr
        {
            public nuint Length;
            public int Level;
            public int Type;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct RLimit
        {
            public ulong Current;
            public ulong Maximum;
        }
    }
}

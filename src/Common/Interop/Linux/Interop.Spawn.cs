using System.Runtime.InteropServices;
using System.Runtime.Versioning;

/// <summary>posix_spawn and the socketpairs that connect Drydock to drydock-init: .NET must never fork.</summary>
internal static partial class Interop
{
    [SupportedOSPlatform("linux")]
    internal static unsafe partial class Libc
    {
        // posix_spawn(3): https://man7.org/linux/man-pages/man3/posix_spawn.3.html (returns an errno, not -1)
        [LibraryImport("libc")]
        internal static partial int posix_spawn(out int pid, byte* path, void* fileActions, void* attributes, byte** argv, byte** envp);

        [LibraryImport("libc")]
        internal static partial int posix_spawn_file_actions_init(void* fileActions);

        [LibraryImport("libc")]
        internal static partial int posix_spawn_file_actions_destroy(void* fileActions);

        [LibraryImport("libc")]
        internal static partial int posix_spawn_file_actions_adddup2(void* fileActions, int fd, int newFd);

        [LibraryImport("libc")]
        internal static partial int posix_spawn_file_actions_addopen(void* fileActions, int fd, byte* path, int openFlags, uint mode);

        // socketpair(2): https://man7.org/linux/man-pages/man2/socketpair.2.html
        [LibraryImport("libc", SetLastError = true)]
        internal static partial int socketpair(int domain, int type, int protocol, int* fds);

        // pipe2(2): a container's stdout/stderr are pipes, as docker's are (/dev/stdout cannot be opened on a socket)
        [LibraryImport("libc", SetLastError = true)]
        internal static partial int pipe2(int* fds, int flags);

        internal const int O_CLOEXEC = 0x80000;

        // shutdown(2): hangs up fd 3 without closing an fd another thread may be reading
        [LibraryImport("libc", SetLastError = true)]
        internal static partial int shutdown(int fd, int how);

        internal const int SHUT_RDWR = 2;
        internal const int AF_UNIX = 1;
        internal const int SOCK_STREAM = 1;
        internal const int SOCK_SEQPACKET = 5;
        internal const int SOCK_CLOEXEC = 0x80000;
        internal const int O_RDWR = 2;
    }
}

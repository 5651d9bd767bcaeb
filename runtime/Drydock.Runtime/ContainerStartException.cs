using Drydock.Core;

namespace Drydock.Runtime;

/// <summary>
/// A container that could not start: <see cref="Stage"/> is where drydock-init stopped (mount, pivot, exec, …)
/// and <see cref="Errno"/> the failed syscall's error. A missing binary is Stage "exec", Errno ENOENT, kind NotFound.
/// </summary>
public sealed class ContainerStartException(string containerId, string stage, int errno, string detail)
    : DrydockException(KindOf(errno), $"failed to start container '{containerId}': {stage}: {detail}: {UnixIOException.ErrnoText(errno)}")
{
    public string Stage { get; } = stage;
    public int Errno { get; } = errno;

    private static ErrorKind KindOf(int errno) => errno switch
    {
        2 or 20 => ErrorKind.NotFound,
        1 or 13 => ErrorKind.PermissionDenied,
        22 => ErrorKind.InvalidArgument,
        38 or 95 => ErrorKind.Unsupported,
        _ => ErrorKind.Unknown,
    };
}

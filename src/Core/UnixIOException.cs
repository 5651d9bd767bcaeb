namespace Drydock.Core;

/// <summary>A failed syscall: "mount overlay on '/run/x': EINVAL (Invalid argument)".</summary>
public sealed class UnixIOException(string operation, string? path, int errno)
    : DrydockException(ToKind(errno), Format(operation, path, errno))
{
    public int Errno { get; } = errno;
    public string Operation { get; } = operation;
    public string? Path { get; } = path;

    private static string Format(string operation, string? path, int errno)
        => path is null ? $"{operation}: {ErrnoText(errno)}" : $"{operation} '{path}': {ErrnoText(errno)}";

    public static string ErrnoText(int errno) => $"{ErrnoName(errno)} ({System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno)})";

    private static ErrorKind ToKind(int errno) => errno switch
    {
        2 => ErrorKind.NotFound,
        1 or 13 => ErrorKind.PermissionDenied,
        17 => ErrorKind.AlreadyExists,
        22 => ErrorKind.InvalidArgument,
        38 or 95 => ErrorKind.Unsupported,
        _ => ErrorKind.Unknown,
    };

    public static string ErrnoName(int errno) => errno switch
    {
        1 => "EPERM", 2 => "ENOENT", 3 => "ESRCH", 4 => "EINTR", 5 => "EIO", 9 => "EBADF", 11 => "EAGAIN",
        12 => "ENOMEM", 13 => "EACCES", 16 => "EBUSY", 17 => "EEXIST", 18 => "EXDEV", 19 => "ENODEV",
        20 => "ENOTDIR", 21 => "EISDIR", 22 => "EINVAL", 24 => "EMFILE", 28 => "ENOSPC", 30 => "EROFS",
        36 => "ENAMETOOLONG", 38 => "ENOSYS", 39 => "ENOTEMPTY", 40 => "ELOOP", 61 => "ENODATA", 95 => "EOPNOTSUPP",
        _ => $"errno {errno}",
    };
}

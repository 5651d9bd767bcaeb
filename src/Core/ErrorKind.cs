namespace Drydock.Core;

public enum ErrorKind
{
    Unknown,
    NotFound,
    AlreadyExists,
    InvalidArgument,
    FailedPrecondition,
    Unavailable,
    PermissionDenied,
    Unsupported,
    DataCorrupted,
}

using Drydock.Core;

namespace Drydock.Containers.Rootfs;

/// <summary>
/// Checks, before the container starts, that its command exists and can be executed, so that `drydock run`
/// fails as docker does: 127 for a command not found (on $PATH, or at the path given), 126 for one that
/// cannot be executed. A command without '/' is looked up on the container's PATH, as execvp does.
/// </summary>
internal static class CommandResolver
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static void Check(RootfsFiles rootfs, string command, string? path, string workingDir)
    {
        ArgumentNullException.ThrowIfNull(rootfs);
        if (command.Contains('/', StringComparison.Ordinal))
        {
            string inRoot = command.StartsWith('/') ? command : workingDir.TrimEnd('/') + "/" + command;
            string hostPath = rootfs.Resolve(inRoot)
                ?? throw new ContainerExitException(ErrorKind.NotFound, $"no such file or directory: \"{command}\"", ContainerExitException.NotFound);
            ThrowIfNotExecutable(hostPath, command);
            return;
        }
        foreach (string dir in (path ?? "").Split(':'))
        {
            if (!dir.StartsWith('/')) continue;
            if (rootfs.Resolve(dir.TrimEnd('/') + "/" + command) is { } hostPath && File.Exists(hostPath) && IsExecutable(hostPath)) return;
        }
        throw new ContainerExitException(ErrorKind.NotFound, $"executable file not found in $PATH: \"{command}\"", ContainerExitException.NotFound);
    }

    private static void ThrowIfNotExecutable(string hostPath, string command)
    {
        if (Directory.Exists(hostPath))
            throw new ContainerExitException(ErrorKind.InvalidArgument, $"is a directory: \"{command}\"", ContainerExitException.CannotExecute);
        if (!IsExecutable(hostPath))
            throw new ContainerExitException(ErrorKind.PermissionDenied, $"permission denied: \"{command}\"", ContainerExitException.CannotExecute);
    }

    private static bool IsExecutable(string hostPath)
        => !OperatingSystem.IsWindows() && (File.GetUnixFileMode(hostPath) & AnyExecute) != 0;
}

using Microsoft.Win32.SafeHandles;

namespace Drydock.Runtime.Linux;

/// <summary>
/// A pipe whose write end is a container's stdout or stderr. A pipe, not a socket, as docker's: a process may
/// open /dev/stdout, which fails on a socket. The read end is drained by a dedicated thread (pipes have no
/// epoll-based async reads in .NET), so a long RUN step holds no thread-pool thread.
/// </summary>
internal sealed class OutputPump
{
    private readonly SafeFileHandle _read;

    private OutputPump(SafeFileHandle read, int remoteFd)
    {
        _read = read;
        RemoteFd = remoteFd;
    }

    /// <summary>The end handed to drydock-init; closed by <see cref="CloseRemote"/> once it has it.</summary>
    public int RemoteFd { get; private set; }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static unsafe OutputPump Create()
    {
        int* fds = stackalloc int[2];
        Interop.ThrowIfError(Interop.Libc.pipe2(fds, Interop.Libc.O_CLOEXEC), "pipe2");
        return new OutputPump(new SafeFileHandle(fds[0], ownsHandle: true), fds[1]);
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void CloseRemote()
    {
        if (RemoteFd >= 0) Interop.Libc.close(RemoteFd);
        RemoteFd = -1;
    }

    public Task PumpAsync(Action<ReadOnlyMemory<byte>, bool> onOutput, bool isStderr)
        => Task.Factory.StartNew(() => Pump(onOutput, isStderr), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Pump(Action<ReadOnlyMemory<byte>, bool> onOutput, bool isStderr)
    {
        byte[] buffer = new byte[16384];
        using var stream = new FileStream(_read, FileAccess.Read, 0, isAsync: false);
        try
        {
            int n;
            while ((n = stream.Read(buffer)) > 0) onOutput(buffer.AsMemory(0, n), isStderr);
        }
        catch (IOException)
        {
        }
    }

    public void Dispose() => _read.Dispose();
}

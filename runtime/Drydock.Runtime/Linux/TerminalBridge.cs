using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Drydock.Runtime.Linux;

/// <summary>
/// Connects a container's pty master to the caller: output to our stdout (or a capture callback), our stdin
/// to the master, our terminal in raw mode while it runs, and its window size followed on SIGWINCH.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed unsafe class TerminalBridge : IDisposable
{
    private readonly SafeFileHandle _master;
    private readonly byte[]? _savedTermios;
    private readonly PosixSignalRegistration? _winch;

    private TerminalBridge(SafeFileHandle master, byte[]? savedTermios, PosixSignalRegistration? winch)
    {
        _master = master;
        _savedTermios = savedTermios;
        _winch = winch;
    }

    public Task Output { get; private set; } = Task.CompletedTask;

    public static TerminalBridge Start(int masterFd, ProcessIO io)
    {
        var master = new SafeFileHandle(masterFd, ownsHandle: true);
        byte[]? saved = null;
        PosixSignalRegistration? winch = null;
        if (io.OnOutput is null && Interop.Libc.isatty(0) == 1)
        {
            saved = new byte[Interop.Libc.TermiosSize];
            byte* raw = stackalloc byte[Interop.Libc.TermiosSize];
            fixed (byte* s = saved)
            {
                if (Interop.Libc.tcgetattr(0, s) == 0)
                {
                    Buffer.MemoryCopy(s, raw, Interop.Libc.TermiosSize, Interop.Libc.TermiosSize);
                    Interop.Libc.cfmakeraw(raw);
                    Interop.Libc.tcsetattr(0, Interop.Libc.TCSANOW, raw);
                }
                else saved = null;
            }
            CopyWindowSize(masterFd);
            winch = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => CopyWindowSize(masterFd));
        }
        var bridge = new TerminalBridge(master, saved, winch);
        var reader = new FileStream(master, FileAccess.ReadWrite, 0, isAsync: false);
        Action<ReadOnlyMemory<byte>, bool> sink = io.OnOutput ?? WriteToStdout();
        bridge.Output = Task.Factory.StartNew(() => Copy(reader, sink), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!io.NullStdin)
        {
            // stdin stays blocked in read(2) until the user types or closes it; the thread is a background one
            var input = new Thread(() => CopyInput(reader)) { IsBackground = true, Name = "drydock pty stdin" };
            input.Start();
        }
        return bridge;
    }

    private static Action<ReadOnlyMemory<byte>, bool> WriteToStdout()
    {
        Stream stdout = Console.OpenStandardOutput();
        return (data, _) =>
        {
            stdout.Write(data.Span);
            stdout.Flush();
        };
    }

    private static void Copy(FileStream master, Action<ReadOnlyMemory<byte>, bool> sink)
    {
        byte[] buffer = new byte[16384];
        try
        {
            int n;
            while ((n = master.Read(buffer)) > 0) sink(buffer.AsMemory(0, n), false);
        }
        catch (IOException)
        {
            // EIO: the last holder of the pty's other side is gone
        }
    }

    private static void CopyInput(FileStream master)
    {
        using Stream stdin = Console.OpenStandardInput();
        byte[] buffer = new byte[4096];
        try
        {
            int n;
            while ((n = stdin.Read(buffer)) > 0) master.Write(buffer, 0, n);
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static void CopyWindowSize(int masterFd)
    {
        Interop.Libc.WinSize size;
        if (Interop.Libc.ioctl(1, Interop.Libc.TIOCGWINSZ, &size) == 0) Interop.Libc.ioctl(masterFd, Interop.Libc.TIOCSWINSZ, &size);
    }

    public void Dispose()
    {
        _winch?.Dispose();
        if (_savedTermios is not null)
        {
            fixed (byte* s = _savedTermios) Interop.Libc.tcsetattr(0, Interop.Libc.TCSANOW, s);
        }
        _master.Dispose();
    }
}

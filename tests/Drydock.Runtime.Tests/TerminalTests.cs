using System.Net.Sockets;
using System.Text;
using Drydock.TestKit;

namespace Drydock.Runtime.Tests;

[Collection(RuntimeCollection.Name)]
public sealed class TerminalTests(RuntimeFixture fx)
{
    [PrivilegedFact]
    public async Task Terminal_gives_the_process_a_pty_as_its_controlling_terminal()
    {
        ContainerSpec spec = fx.Spec("sh", "-c", "tty; [ -t 0 ] && [ -t 1 ] && echo stdio-is-tty; ps -o pid,tty | sed -n 2p | awk '{print $2}'");
        spec = spec with { Process = spec.Process with { Terminal = true } };
        var (code, output, error) = await fx.RunAsync(spec);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        // a pty turns \n into \r\n: the output really went through one
        Assert.Equal("/dev/pts/0\r\nstdio-is-tty\r\n136,0\r\n", output);   // busybox ps shows the tty as major,minor
    }

    [PrivilegedFact]
    public async Task Console_socket_receives_the_pty_master()
    {
        using var dir = new TempDir();
        string socketPath = dir.Combine("console.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(1);
        ContainerSpec spec = fx.Spec("sh", "-c", "echo via-console");
        spec = spec with { Process = spec.Process with { Terminal = true } };
        Task<Socket> accept = listener.AcceptAsync();
        await using IContainerProcess p = await fx.Runtime.StartAsync(spec, new ProcessIO { NullStdin = true, ConsoleSocket = socketPath });
        using Socket connection = await accept;
        if (!OperatingSystem.IsLinux()) return;
        SafeFileHandleFromSocket master = ReceiveFd(connection);
        using var stream = new FileStream(master.Handle, FileAccess.Read, 1);
        var text = new StringBuilder();
        byte[] buffer = new byte[256];
        try
        {
            int n;
            while ((n = stream.Read(buffer)) > 0) text.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }
        catch (IOException)
        {
            // EIO once the process side is closed
        }
        Assert.Equal(0, await p.WaitAsync());
        Assert.Equal("via-console\r\n", text.ToString());
    }

    private sealed record SafeFileHandleFromSocket(Microsoft.Win32.SafeHandles.SafeFileHandle Handle);

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static unsafe SafeFileHandleFromSocket ReceiveFd(Socket socket)
    {
        byte data = 0;
        byte* control = stackalloc byte[64];
        var iov = new Interop.Libc.IoVec { Base = &data, Length = 1 };
        var msg = new Interop.Libc.MsgHdr { Iov = &iov, IovLength = 1, Control = control, ControlLength = 64 };
        nint n = Interop.Libc.recvmsg((int)socket.Handle, &msg, 0);
        Assert.True(n > 0);
        int fd = *(int*)(control + sizeof(Interop.Libc.CMsgHdr));
        return new SafeFileHandleFromSocket(new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true));
    }
}

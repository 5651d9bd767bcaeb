using System.Diagnostics;
using Drydock.TestKit;

namespace Drydock.Runtime.Tests;

/// <summary>A busybox root filesystem (Debian's busybox-static with its applet symlinks), shared by the tests as a read-only lower.</summary>
public sealed class BusyboxRootfs : IDisposable
{
    private readonly TempDir _dir = new("drydock-busybox");

    public BusyboxRootfs()
    {
        Path = _dir.Combine("rootfs");
        foreach (string d in (string[])["bin", "etc", "tmp", "proc", "sys", "dev", "root", "home/user"]) Directory.CreateDirectory(System.IO.Path.Combine(Path, d));
        File.Copy("/bin/busybox", System.IO.Path.Combine(Path, "bin/busybox"));
        // `busybox --install -s` links to the host path it ran from; the links must be relative to work in the root
        var list = Process.Start(new ProcessStartInfo("/bin/busybox", ["--list"]) { RedirectStandardOutput = true })!;
        foreach (string applet in list.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (applet != "busybox") File.CreateSymbolicLink(System.IO.Path.Combine(Path, "bin", applet), "busybox");
        list.WaitForExit();
        File.WriteAllText(System.IO.Path.Combine(Path, "etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000:user:/home/user:/bin/sh\n");
        File.WriteAllText(System.IO.Path.Combine(Path, "etc/group"), "root:x:0:\nuser:x:1000:\n");
    }

    public string Path { get; }

    public void Dispose() => _dir.Dispose();
}

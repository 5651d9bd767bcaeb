using Drydock.TestKit;
using System.Diagnostics;
using System.Formats.Tar;

namespace Drydock.IntegrationTests.Build;

/// <summary>
/// The offline base image of every build test: a rootfs of Debian's busybox-static (/bin/busybox with a
/// symlink per applet, /etc/passwd and /etc/group with root and an "app" user 1000:1000) imported with
/// `drydock import` as busybox:latest.
/// </summary>
internal static class BusyboxBase
{
    public const string Passwd = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:App:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
    public const string Group = "root:x:0:\napp:x:1000:\nnogroup:x:65534:\n";

    public static async Task ImportAsync(DrydockCli cli, string workDir, string name = "busybox:latest")
    {
        string tar = Path.Combine(workDir, "busybox-rootfs.tar");
        if (!File.Exists(tar)) WriteRootfsTar(tar);
        await cli.OkAsync("import", "--change", "CMD [\"sh\"]", tar, name);
    }

    private static void WriteRootfsTar(string path)
    {
        using FileStream f = File.Create(path);
        using var w = new TarWriter(f, TarEntryFormat.Pax);
        foreach (string dir in new[] { "bin", "etc", "tmp", "root", "home", "home/app", "proc", "sys", "dev", "usr", "var" })
            w.WriteEntry(new PaxTarEntry(TarEntryType.Directory, dir + "/")
            {
                Mode = dir == "tmp" ? (UnixFileMode)0x3FF | UnixFileMode.StickyBit : (UnixFileMode)0x1ED,
                Uid = dir == "home/app" ? 1000 : 0,
                Gid = dir == "home/app" ? 1000 : 0,
            });
        w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox") { Mode = (UnixFileMode)0x1ED, DataStream = File.OpenRead("/bin/busybox") });
        foreach (string applet in Applets())
            if (applet != "busybox") w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/" + applet) { LinkName = "busybox", Mode = (UnixFileMode)0x1FF });
        Text(w, "etc/passwd", Passwd);
        Text(w, "etc/group", Group);
    }

    private static void Text(TarWriter w, string path, string content)
        => w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { Mode = (UnixFileMode)0x1A4, DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) });

    private static IEnumerable<string> Applets()
    {
        using Process p = Process.Start(new ProcessStartInfo("/bin/busybox", "--list") { RedirectStandardOutput = true })!;
        string list = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return list.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}

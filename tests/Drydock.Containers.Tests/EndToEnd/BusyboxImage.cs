using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Images;
using Drydock.Core.Oci;

namespace Drydock.Containers.Tests.EndToEnd;

/// <summary>
/// Writes a one-layer busybox image into a store, as `FROM scratch` + Debian's busybox-static would give:
/// /bin/busybox with a symlink per applet, /etc/passwd and /etc/group with root and an "app" user (1000,
/// also in group "audio" 29), and a config with Env, WorkingDir and Cmd that the tests look for.
/// </summary>
internal static class BusyboxImage
{
    public const string Passwd = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:App:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
    public const string Group = "root:x:0:\naudio:x:29:app\napp:x:1000:\nnogroup:x:65534:\n";

    public static async Task<ResolvedImage> CreateAsync(DrydockRoot root, string name, ContainerConfig config, CancellationToken cancellationToken = default)
    {
        byte[] tar = BuildLayerTar();
        using var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) z.Write(tar);
        ImageService images = ImageService.Open(root);
        Descriptor layer = await images.Content.WriteBlobAsync(gz.ToArray(), MediaTypes.OciLayerGzip, cancellationToken);
        var imageConfig = new ImageConfig
        {
            Config = config,
            RootFS = new RootFS { DiffIds = [Digest.Sha256(tar)] },
            History = [new HistoryEntry { CreatedBy = "drydock test: busybox-static" }],
        };
        var manifest = new ImageManifest { Config = layer, Layers = [layer] };
        return await images.CreateImageAsync(name, manifest, imageConfig, cancellationToken);
    }

    private static byte[] BuildLayerTar()
    {
        using var ms = new MemoryStream();
        using (var w = new TarWriter(ms, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (string dir in new[] { "bin", "etc", "tmp", "root", "home", "home/app", "srv", "proc", "sys", "dev", "usr", "var" })
                w.WriteEntry(new PaxTarEntry(TarEntryType.Directory, dir + "/") { Mode = dir == "tmp" ? (UnixFileMode)0x3FF | UnixFileMode.StickyBit : (UnixFileMode)0x1ED, Uid = dir == "home/app" ? 1000 : 0, Gid = dir == "home/app" ? 1000 : 0 });
            w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox") { Mode = (UnixFileMode)0x1ED, DataStream = File.OpenRead("/bin/busybox") });
            foreach (string applet in Applets())
                if (applet != "busybox") w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/" + applet) { LinkName = "busybox", Mode = (UnixFileMode)0x1FF });
            Text(w, "etc/passwd", Passwd);
            Text(w, "etc/group", Group);
            Text(w, "srv/marker", "from-the-image\n");
        }
        return ms.ToArray();
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

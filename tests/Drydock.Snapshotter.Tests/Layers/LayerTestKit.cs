using System.Diagnostics;
using System.Formats.Tar;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Snapshotter.Layers;

namespace Drydock.Snapshotter.Tests.Layers;

/// <summary>Helpers shared by the layer and differ tests.</summary>
internal static class LayerTestKit
{
    public static LocalContentStore Store(string dir) => new(new DrydockRoot(dir));

    /// <summary>A tar built entry by entry with our writer (which writes any name it is given, '..' included).</summary>
    public static byte[] Tar(Action<LayerTarWriter> build)
    {
        using var ms = new MemoryStream();
        using (var w = new LayerTarWriter(ms, null))
        {
            build(w);
            w.Finish();
        }
        return ms.ToArray();
    }

    public static void File(this LayerTarWriter w, string name, string content, uint mode = 0x1A4, long mtime = 1_600_000_000, int uid = 0, int gid = 0)
    {
        byte[] data = System.Text.Encoding.UTF8.GetBytes(content);
        string tmp = System.IO.Path.GetTempFileName();
        System.IO.File.WriteAllBytes(tmp, data);
        w.WriteHeader(new TarHeader { Name = name, Mode = mode, Size = data.Length, MtimeSeconds = mtime, Uid = uid, Gid = gid });
        w.WriteFileContent(tmp, data.Length);
        System.IO.File.Delete(tmp);
    }

    public static void Entry(this LayerTarWriter w, string name, byte type, string link = "", uint mode = 0x1ED, long mtime = 1_600_000_000)
        => w.WriteHeader(new TarHeader { Name = name, TypeFlag = type, LinkName = link, Mode = mode, MtimeSeconds = mtime });

    /// <summary>The entries of a tar as System.Formats.Tar reads them: an independent check of our writer.</summary>
    public static List<TarEntry> ReadWithBcl(byte[] tar)
    {
        var entries = new List<TarEntry>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry(copyData: true) is { } e) entries.Add(e);
        return entries;
    }

    public static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) psi.ArgumentList.Add(a);
        using Process p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }

    public static void Sh(string script)
    {
        (int code, string output) = Run("/bin/sh", "-c", "set -e\n" + script);
        Assert.True(code == 0, $"script failed ({code}): {output}\n{script}");
    }

    public static string Chain(Exception e)
    {
        var parts = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException) parts.Add(x.Message);
        return string.Join(": ", parts);
    }

    public static string Stat(string path) => Run("stat", "-c", "%F %a %u:%g %s %Y", path).Output.Trim();
}

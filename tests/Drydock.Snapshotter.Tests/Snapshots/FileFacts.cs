using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Drydock.Snapshotter.Tests.Snapshots;

/// <summary>What the tests check of files beyond contents: inode facts by stat(1), xattrs and nodes by syscall or tool.</summary>
internal static partial class FileFacts
{
    /// <summary>"inode links type major:minor" of a path, not following links.</summary>
    public static string Stat(string path, string format = "%i %h %F %t:%T") => Run("stat", "-c", format, path).Trim();

    public static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) psi.ArgumentList.Add(a);
        using Process p = Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd();
        string error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error}");
        return output;
    }

    public static void SetXattr(string path, string name, string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        if (lsetxattr(path, name, bytes, (nuint)bytes.Length, 0) != 0) throw new IOException($"lsetxattr {path} {name}: errno {Marshal.GetLastPInvokeError()}");
    }

    public static string? GetXattr(string path, string name)
    {
        var buffer = new byte[4096];
        nint n = lgetxattr(path, name, buffer, (nuint)buffer.Length);
        return n < 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)n);
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int lsetxattr(string path, string name, byte[] value, nuint size, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint lgetxattr(string path, string name, byte[] value, nuint size);
}

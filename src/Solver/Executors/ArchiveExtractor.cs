using System.Diagnostics;

namespace Drydock.Solver.Executors;

/// <summary>
/// ADD of a local archive: recognized by content, not name (tar, gzip, bzip2, xz, zstd), and extracted into
/// the destination directory. gzip, zstd and plain tar go straight to the layer applier (which decompresses
/// them); bzip2 and xz have no decoder in the base library, so they are piped through Debian's
/// <c>bzip2 -dc</c> / <c>xz -dc</c>. Anything else is copied as a file.
/// </summary>
internal static class ArchiveExtractor
{
    public static async ValueTask<bool> TryExtractAsync(BuildServices services, string file, string destination, CancellationToken ct)
    {
        string? kind = Sniff(file);
        if (kind is null) return false;
        if (services.ExtractArchive is not { } extract)
            throw new Core.DrydockException(Core.ErrorKind.Unsupported, $"ADD of the archive '{Path.GetFileName(file)}': this drydock has no archive extractor configured");
        Directory.CreateDirectory(destination);
        if (kind is "tar" or "gzip" or "zstd")
        {
            await using FileStream s = File.OpenRead(file);
            await extract(s, destination, ct).ConfigureAwait(false);
            return true;
        }
        var psi = new ProcessStartInfo(kind == "bzip2" ? "bzip2" : "xz") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-dc");
        psi.ArgumentList.Add(file);
        using Process p = Process.Start(psi) ?? throw new IOException($"cannot start {psi.FileName}");
        Task<string> err = p.StandardError.ReadToEndAsync(ct);
        await extract(p.StandardOutput.BaseStream, destination, ct).ConfigureAwait(false);
        await p.WaitForExitAsync(ct).ConfigureAwait(false);
        if (p.ExitCode != 0) throw new IOException($"{psi.FileName} -dc '{Path.GetFileName(file)}' failed: {(await err.ConfigureAwait(false)).Trim()}");
        return true;
    }

    /// <summary>The archive kind by magic bytes, or null when the file is not an archive.</summary>
    internal static string? Sniff(string file)
    {
        byte[] head = new byte[512];
        int n;
        using (FileStream s = File.OpenRead(file)) n = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        ReadOnlySpan<byte> h = head.AsSpan(0, n);
        if (h.StartsWith((ReadOnlySpan<byte>)[0x1f, 0x8b])) return "gzip";
        if (h.StartsWith("BZh"u8)) return "bzip2";
        if (h.StartsWith((ReadOnlySpan<byte>)[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return "xz";
        if (h.StartsWith((ReadOnlySpan<byte>)[0x28, 0xb5, 0x2f, 0xfd])) return "zstd";
        if (n >= 262 && h.Slice(257, 5).SequenceEqual("ustar"u8)) return "tar";
        return null;
    }
}

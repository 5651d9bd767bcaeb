using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Drydock.TestKit;

namespace Drydock.Cli.Tests;

/// <summary>`drydock import` as a user runs it: a directory or a tarball becomes a one-layer image.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly TempDir _dir = new("drydock-cli-import");
    private readonly string _root;

    public ImportCommandTests() => _root = _dir.Combine("root");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_gzipped_tarball_becomes_a_one_layer_image_with_its_changes()
    {
        string tgz = _dir.Combine("rootfs.tar.gz");
        await using (FileStream f = File.Create(tgz))
        await using (var gz = new GZipStream(f, CompressionLevel.Fastest))
        await using (var w = new TarWriter(gz, TarEntryFormat.Pax))
        {
            await w.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, "etc/") { Mode = (UnixFileMode)0x1ED });
            await w.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "etc/motd") { DataStream = new MemoryStream("hi\n"u8.ToArray()) });
        }

        var import = await RunAsync("import", "--change", "CMD [\"/bin/sh\"]", "-c", "ENV A=1", "-c", "WORKDIR /srv", tgz, "base:1");
        Assert.True(import.Exit == 0, import.Stderr);
        Assert.Matches("^sha256:[0-9a-f]{64}\n$", import.Stdout);

        using JsonDocument doc = JsonDocument.Parse((await RunAsync("inspect", "base:1")).Stdout);
        JsonElement image = doc.RootElement[0];
        Assert.Equal("/bin/sh", image.GetProperty("Config").GetProperty("Cmd")[0].GetString());
        Assert.Contains("A=1", image.GetProperty("Config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("/srv", image.GetProperty("Config").GetProperty("WorkingDir").GetString());
        Assert.Equal(1, image.GetProperty("RootFS").GetProperty("Layers").GetArrayLength());

        // the layer is the tarball's own tar stream: its diff ID is the digest of the uncompressed bytes
        await using FileStream raw = File.OpenRead(tgz);
        await using var plain = new GZipStream(raw, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        await plain.CopyToAsync(buffer);
        string diffId = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(buffer.ToArray()));
        Assert.Equal(diffId, image.GetProperty("RootFS").GetProperty("Layers")[0].GetString());
    }

    [Fact]
    public async Task A_directory_imports_reproducibly()
    {
        string dir = _dir.Combine("tree");
        Directory.CreateDirectory(Path.Combine(dir, "bin"));
        await File.WriteAllTextAsync(Path.Combine(dir, "bin", "tool"), "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(dir, "bin", "tool"), (UnixFileMode)0x1ED);
        File.CreateSymbolicLink(Path.Combine(dir, "bin", "alias"), "tool");

        var first = await RunAsync("import", dir, "tree:1");
        var second = await RunAsync("import", dir, "tree:2");
        Assert.True(first.Exit == 0, first.Stderr);
        Assert.Equal(0, second.Exit);
        Assert.Equal(await LayerAsync("tree:1"), await LayerAsync("tree:2"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_tar_is_refused_and_the_store_is_unchanged()
    {
        string bogus = _dir.Combine("notes.txt");
        await File.WriteAllTextAsync(bogus, new string('x', 4096));

        var import = await RunAsync("import", bogus, "bogus:1");
        Assert.Equal(1, import.Exit);
        Assert.Contains("failed to import", import.Stderr, StringComparison.Ordinal);
        Assert.Contains("notes.txt", import.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", import.Stderr, StringComparison.Ordinal);
        Assert.Equal("", (await RunAsync("images", "-q")).Stdout);
    }

    [Fact]
    public async Task A_missing_source_names_it()
    {
        var import = await RunAsync("import", _dir.Combine("nope.tar"));
        Assert.Equal(1, import.Exit);
        Assert.Contains("nope.tar", import.Stderr, StringComparison.Ordinal);
        Assert.Contains("no such file or directory", import.Stderr, StringComparison.Ordinal);
    }

    private async Task<string> LayerAsync(string name)
    {
        using JsonDocument doc = JsonDocument.Parse((await RunAsync("inspect", name)).Stdout);
        return doc.RootElement[0].GetProperty("RootFS").GetProperty("Layers")[0].GetString()!;
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "drydock.dll"), "--root", _root, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        using Process p = Process.Start(start)!;
        p.StandardInput.Close();
        Task<string> stdout = p.StandardOutput.ReadToEndAsync(), stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }
}

using System.Formats.Tar;
using System.IO.Compression;
using Drydock.Core;
using Drydock.Solver.Build;
using Drydock.TestKit;

namespace Drydock.Solver.Tests.Build;

public sealed class BuildSourceTests : IDisposable
{
    private readonly TempDir _dir = new("solver-source");

    public void Dispose() => _dir.Dispose();

    private static MemoryStream Tar(bool gzip, params (string Name, string Content)[] files)
    {
        var raw = new MemoryStream();
        using (var w = new TarWriter(raw, TarEntryFormat.Pax, leaveOpen: true))
            foreach (var (name, content) in files)
                w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = (UnixFileMode)0x1A4, DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)) });
        if (!gzip) return new MemoryStream(raw.ToArray());
        var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) z.Write(raw.ToArray());
        return new MemoryStream(gz.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_tar_on_stdin_is_the_context(bool gzip)
    {
        string dir = _dir.Combine("ctx-" + gzip);
        Directory.CreateDirectory(dir);
        await using BuildSource source = await BuildSource.FromStreamAsync(Tar(gzip, ("Dockerfile", "FROM scratch\n"), ("app/a.txt", "a")), dir, null, default);
        Assert.Equal("FROM scratch\n", source.DockerfileText);
        Assert.Equal("a", File.ReadAllText(Path.Combine(dir, "app/a.txt")));
    }

    [Fact]
    public async Task Anything_else_on_stdin_is_the_dockerfile_with_an_empty_context()
    {
        string dir = _dir.Combine("ctx-df");
        Directory.CreateDirectory(dir);
        await using BuildSource source = await BuildSource.FromStreamAsync(new MemoryStream("FROM busybox\nRUN true\n"u8.ToArray()), dir, null, default);
        Assert.Equal("FROM busybox\nRUN true\n", source.DockerfileText);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public async Task Archive_entries_cannot_leave_the_context()
    {
        string dir = _dir.Combine("ctx-evil");
        Directory.CreateDirectory(dir);
        var e = await Assert.ThrowsAsync<DrydockException>(() => BuildSource.FromStreamAsync(Tar(false, ("../evil", "x")), dir, null, default));
        Assert.Contains("points outside the context", e.Message);
    }

    [Fact]
    public async Task A_missing_dockerfile_is_a_usage_error()
    {
        var e = await Assert.ThrowsAsync<DrydockException>(() => BuildSource.OpenAsync(new DrydockRoot(_dir.Combine("root")), _dir.Path, null, default));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("failed to read dockerfile", e.Message);
    }
}

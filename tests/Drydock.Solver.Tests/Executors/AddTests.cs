using System.Diagnostics;
using System.Formats.Tar;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Runtime;
using Drydock.Solver.Cache;
using Drydock.Solver.Context;
using Drydock.Solver.Executors;
using Drydock.Solver.Graph;
using Drydock.Solver.Ops;
using Drydock.Solver.Progress;
using Drydock.TestKit;

namespace Drydock.Solver.Tests.Executors;

/// <summary>ADD of URLs (against a local HTTP server) and of local archives, on a directory snapshotter (as root).</summary>
public sealed class AddTests : IDisposable
{
    private readonly TempDir _dir = new("solver-add");
    private readonly DirectorySnapshotter _snapshotter;
    private readonly BuildServices _services;
    private readonly BuildInputs _inputs = new();

    public AddTests()
    {
        var root = new DrydockRoot(_dir.Combine("root"));
        Directory.CreateDirectory(root.Tmp);
        _snapshotter = new DirectorySnapshotter(_dir.Combine("snapshots"));
        _services = new BuildServices
        {
            Root = root,
            Images = ImageService.Open(root),
            Snapshotter = _snapshotter,
            Runtime = new LinuxContainerRuntime(_dir.Combine("runtime")),
            Unpack = (_, _) => throw new NotSupportedException(),
            Mount = (_, _, _) => throw new NotSupportedException(),
            Unmount = (_, _) => throw new NotSupportedException(),
            ExtractArchive = ExtractAsync,
        };
        Directory.CreateDirectory(_dir.Combine("ctx"));
        _inputs.Contexts[BuildInputs.MainContext] = new LocalContext("context", _dir.Combine("ctx"), null, null);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Stands in for the layer applier: plain and gzip tars of regular files only.</summary>
    private static async ValueTask ExtractAsync(Stream stream, string dir, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        Stream tar = buffer.GetBuffer()[0] == 0x1f ? new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionMode.Decompress) : buffer;
        await using var reader = new TarReader(tar);
        while (await reader.GetNextEntryAsync(cancellationToken: ct) is { } e)
        {
            if (e.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
            string target = Path.Combine(dir, e.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await e.ExtractToFileAsync(target, overwrite: true, ct);
        }
    }

    private async Task<string> RunAsync(CopyOp op)
    {
        using var hasher = new ContextHasher(_services.Root);
        var executor = new CopyExecutor(_services, _inputs, hasher);
        var vertex = new Vertex(op, [], new VertexInfo("ADD", "", "t"));
        var map = await executor.GetCacheMapAsync(vertex, CancellationToken.None);
        var key = new CacheKey(Digest.Sha256(Guid.NewGuid().ToByteArray()));
        SnapshotRef result = await executor.ExecuteAsync(vertex, [], new StepContext(key, new ProgressStep("s", "s"), new QuietProgress()), CancellationToken.None);
        Assert.Single(map.Content);
        return _snapshotter.PathOf(result.Name!);
    }

    [PrivilegedFact]
    public async Task Add_url_fetches_verifies_and_lands_with_mode_0600()
    {
        byte[] body = "served over http\n"u8.ToArray();
        string checksum = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
        using var server = new TinyHttpServer(body);
        string result = await RunAsync(new CopyOp([], "/downloads/") { Url = server.Url + "/files/data.txt", Checksum = checksum, IsAdd = true });
        string file = Path.Combine(result, "downloads/data.txt");
        Assert.Equal(body, File.ReadAllBytes(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var bad = await Assert.ThrowsAsync<DrydockException>(() => RunAsync(new CopyOp([], "/d/") { Url = server.Url + "/files/data.txt", Checksum = "sha256:" + new string('0', 64), IsAdd = true }));
        Assert.Contains("checksum mismatch", bad.Message);
    }

    [PrivilegedFact]
    public async Task Add_extracts_local_archives_recognised_by_content()
    {
        string staging = _dir.Combine("staging");
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, "inside.txt"), "from the archive");
        string ctx = _dir.Combine("ctx");
        using (Process tar = Process.Start("tar", ["-C", staging, "-cjf", Path.Combine(ctx, "bundle.bin"), "inside.txt"])) tar.WaitForExit();
        using (Process tar = Process.Start("tar", ["-C", staging, "-czf", Path.Combine(ctx, "bundle.tgz"), "inside.txt"])) tar.WaitForExit();
        string bz = await RunAsync(new CopyOp(["bundle.bin"], "/x/") { IsAdd = true, Unpack = true });
        Assert.Equal("from the archive", File.ReadAllText(Path.Combine(bz, "x/inside.txt")));
        string gz = await RunAsync(new CopyOp(["bundle.tgz"], "/y/") { IsAdd = true, Unpack = true });
        Assert.Equal("from the archive", File.ReadAllText(Path.Combine(gz, "y/inside.txt")));
        string copied = await RunAsync(new CopyOp(["bundle.tgz"], "/z/") { IsAdd = false });
        Assert.True(File.Exists(Path.Combine(copied, "z/bundle.tgz")));
    }

    /// <summary>One-file HTTP server on 127.0.0.1 with a Last-Modified header.</summary>
    private sealed class TinyHttpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public TinyHttpServer(byte[] body)
        {
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    using TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    using NetworkStream s = client.GetStream();
                    var reader = new StreamReader(s);
                    while (!string.IsNullOrEmpty(await reader.ReadLineAsync())) { }
                    byte[] head = System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\nLast-Modified: Wed, 21 Oct 2015 07:28:00 GMT\r\nConnection: close\r\n\r\n");
                    await s.WriteAsync(head);
                    await s.WriteAsync(body);
                }
            });
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}

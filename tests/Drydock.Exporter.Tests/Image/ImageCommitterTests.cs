using System.Collections.Concurrent;
using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Images;
using Drydock.Core.Layers;
using Drydock.Core.Oci;
using Drydock.Exporter.Image;
using Drydock.Snapshotter;
using Drydock.TestKit;

namespace Drydock.Exporter.Tests.Image;

public sealed class ImageCommitterTests : IDisposable
{
    private readonly TempDir _dir = new("exporter-image");

    public void Dispose() => _dir.Dispose();

    /// <summary>Snapshots as directories; a committed snapshot's files are its whole tree.</summary>
    private sealed class Snapshots(string root) : ISnapshotter
    {
        public readonly ConcurrentDictionary<string, SnapshotInfo> Infos = new();

        public string Add(string name, string? parent, DateTimeOffset created, params (string Path, string Content)[] files)
        {
            string dir = Path.Combine(root, name);
            Directory.CreateDirectory(dir);
            foreach (var (path, content) in files) File.WriteAllText(Path.Combine(dir, path), content);
            Infos[name] = new SnapshotInfo(name, parent, SnapshotKind.Committed, created);
            return name;
        }

        public ValueTask<IReadOnlyList<Mount>> ViewAsync(string key, string? parent, SnapshotOptions? options = null, CancellationToken cancellationToken = default)
            => ValueTask.FromResult<IReadOnlyList<Mount>>([Mount.Bind(Path.Combine(root, parent!), readOnly: true)]);

        public ValueTask RemoveAsync(string keyOrName, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask<SnapshotInfo> StatAsync(string keyOrName, CancellationToken cancellationToken = default) => ValueTask.FromResult(Infos[keyOrName]);

        public ValueTask<SnapshotInfo?> TryStatAsync(string keyOrName, CancellationToken cancellationToken = default) => ValueTask.FromResult(Infos.GetValueOrDefault(keyOrName));

        public ValueTask<IReadOnlyList<Mount>> PrepareAsync(string key, string? parent, SnapshotOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<Mount>> MountsAsync(string key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask CommitAsync(string name, string key, SnapshotOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<SnapshotUsage> UsageAsync(string keyOrName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public async IAsyncEnumerable<SnapshotInfo> WalkAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            foreach (SnapshotInfo i in Infos.Values) yield return i;
        }
    }

    /// <summary>A layer of the files in upper that are not identical in lower, as a reproducible tar; counts its calls.</summary>
    private sealed class NaiveDiffer(IContentStore content) : IDiffer
    {
        public int Calls;

        public async ValueTask<Layer> CompareAsync(IReadOnlyList<Mount> lower, IReadOnlyList<Mount> upper, LayerCompression compression, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Calls);
            string? lowerDir = lower.Count > 0 ? lower[0].Source : null;
            using var tar = new MemoryStream();
            using (var w = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            {
                foreach (string file in Directory.GetFiles(upper[0].Source).Order(StringComparer.Ordinal))
                {
                    string name = Path.GetFileName(file);
                    string? old = lowerDir is null ? null : Path.Combine(lowerDir, name);
                    if (old is not null && File.Exists(old) && File.ReadAllText(old) == File.ReadAllText(file)) continue;
                    w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { ModificationTime = DateTimeOffset.UnixEpoch, Mode = (UnixFileMode)0x1A4, DataStream = new MemoryStream(File.ReadAllBytes(file)) });
                }
            }
            if (tar.Length == 0) tar.Write(new byte[1024]);
            byte[] raw = tar.ToArray();
            using var gz = new MemoryStream();
            using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) z.Write(raw);
            Descriptor d = await content.WriteBlobAsync(gz.ToArray(), MediaTypes.OciLayerGzip, cancellationToken);
            return new Layer(d, Digest.FromSha256Hash(SHA256.HashData(raw)));
        }
    }

    private (ImageCommitter Committer, NaiveDiffer Differ, Snapshots Snapshots, ImageService Images) Open(string name)
    {
        var root = new DrydockRoot(_dir.Combine(name));
        var images = ImageService.Open(root);
        var snapshots = new Snapshots(_dir.Combine(name, "snapshots"));
        var differ = new NaiveDiffer(images.Content);
        return (new ImageCommitter(images, snapshots, differ, new LayerCache(root)), differ, snapshots, images);
    }

    private static ImageExportRequest Request(Snapshots s, DateTimeOffset created, DateTimeOffset? epoch = null)
    {
        s.Add("s1", null, created, ("a", "1"));
        s.Add("s2", "s1", created.AddSeconds(5), ("a", "1"));
        s.Add("s3", "s2", created.AddSeconds(9), ("a", "1"), ("b", "2"));
        return new ImageExportRequest(null, [
            new ExportStep("COPY a /a # buildkit", null, "s1"),
            new ExportStep("ENV X=1", null, null),
            new ExportStep("RUN /bin/sh -c true # buildkit", "s1", "s2"),
            new ExportStep("RUN /bin/sh -c echo 2 > b # buildkit", "s2", "s3"),
        ], new ContainerConfig { Env = ["X=1"] }) { SourceDateEpoch = epoch };
    }

    [Fact]
    public async Task Writes_history_layers_and_empty_layers_like_buildkit()
    {
        var (committer, _, snapshots, _) = Open("a");
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        ResolvedImage image = await committer.CommitAsync(Request(snapshots, created), ["app:1"]);
        Assert.Equal(["docker.io/library/app:1"], image.Names);
        Assert.Equal([false, true, true, false], image.Config.History!.Select(h => h.EmptyLayer));
        Assert.Equal("COPY a /a # buildkit", image.Config.History![0].CreatedBy);
        Assert.Equal(2, image.Manifest.Layers.Count);
        Assert.Equal(2, image.Config.RootFS.DiffIds.Count);
        Assert.Equal(created.AddSeconds(9), image.Config.Created);
        Assert.Equal(["X=1"], image.Config.Config!.Env);
    }

    [Fact]
    public async Task Layers_are_computed_once_per_snapshot_and_rebuilds_keep_the_image_id()
    {
        var (committer, differ, snapshots, _) = Open("b");
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        ImageExportRequest request = Request(snapshots, created);
        ResolvedImage first = await committer.CommitAsync(request, ["app:1"]);
        int calls = differ.Calls;
        ResolvedImage second = await committer.CommitAsync(request, ["app:1"]);
        Assert.Equal(calls, differ.Calls);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Target.Digest, second.Target.Digest);
    }

    [Fact]
    public async Task Source_date_epoch_makes_two_stores_agree()
    {
        var epoch = DateTimeOffset.FromUnixTimeSeconds(1700000000);
        var (c1, _, s1, _) = Open("c");
        var (c2, _, s2, _) = Open("d");
        ResolvedImage a = await c1.CommitAsync(Request(s1, DateTimeOffset.UtcNow, epoch), ["app:1"]);
        ResolvedImage b = await c2.CommitAsync(Request(s2, DateTimeOffset.UtcNow.AddHours(1), epoch), ["app:1"]);
        Assert.Equal(a.Target.Digest, b.Target.Digest);
        Assert.All(a.Config.History!, h => Assert.Equal(epoch, h.Created));
    }

    [Fact]
    public async Task A_layer_cached_without_source_date_epoch_is_diffed_again_for_an_export_with_it()
    {
        var epoch = DateTimeOffset.FromUnixTimeSeconds(1700000000);
        var (committer, differ, snapshots, _) = Open("e");
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await committer.CommitAsync(Request(snapshots, created), ["app:1"]);
        int plain = differ.Calls;
        await committer.CommitAsync(Request(snapshots, created, epoch), ["app:2"]);
        Assert.Equal(2 * plain, differ.Calls);
        await committer.CommitAsync(Request(snapshots, created, epoch), ["app:3"]);
        Assert.Equal(2 * plain, differ.Calls);   // and the epoch's own layers are then cached
    }
}

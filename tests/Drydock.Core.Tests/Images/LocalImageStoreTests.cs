using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Core.Oci;
using Drydock.TestKit;

namespace Drydock.Core.Tests.Images;

public sealed class LocalImageStoreTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly LocalImageStore _store;

    public LocalImageStoreTests() => _store = new LocalImageStore(new DrydockRoot(_dir.Path));

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("docker.io/library/busybox:latest")]
    [InlineData("localhost:5000/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("[::1]:5000/a_b-c.d~e:V1+rc!*'();&=$,#?% \"")]
    [InlineData("été/日本/\U0001F600/\uD800")]
    public void Record_file_names_keep_the_encoding_existing_stores_use(string name)
        => Assert.Equal(Uri.EscapeDataString(name), LocalImageStore.FileNameOf(name));

    [Fact]
    public async Task Records_round_trip_including_targets_with_annotations()
    {
        var plain = new ImageRecord("docker.io/library/a:1", new Descriptor(MediaTypes.OciImageManifest, Digest.Sha256([1]), 10), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(1));
        var annotated = new ImageRecord("localhost:5000/b@sha256:" + new string('c', 64),
            new Descriptor(MediaTypes.OciImageIndex, Digest.Sha256([2]), 20) { Annotations = new Dictionary<string, string> { ["k"] = "v" }, Platform = Platform.Host },
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        await _store.SetAsync(plain);
        await _store.SetAsync(annotated);

        Assert.Equal(plain, await _store.TryGetAsync(plain.Name));
        ImageRecord back = (await _store.TryGetAsync(annotated.Name))!;
        Assert.Equal("v", back.Target.Annotations!["k"]);
        Assert.Equal(Platform.Host.Architecture, back.Target.Platform!.Architecture);
        var all = new List<ImageRecord>();
        await foreach (ImageRecord r in _store.ListAsync()) all.Add(r);
        Assert.Equal(2, all.Count);

        Assert.True(await _store.DeleteAsync(plain.Name));
        Assert.False(await _store.DeleteAsync(plain.Name));
        Assert.Null(await _store.TryGetAsync(plain.Name));
    }

    [Fact]
    public async Task Times_read_back_exactly_and_hand_edited_spellings_still_parse()
    {
        var created = new DateTimeOffset(2026, 12, 2, 18, 48, 22, TimeSpan.FromHours(2)).AddTicks(7245711);
        var record = new ImageRecord("docker.io/library/t:1", new Descriptor(MediaTypes.OciImageManifest, Digest.Sha256([3]), 30), created, created.AddSeconds(1))
        {
            Facts = new ImageFacts(Digest.Sha256([4]), created.AddDays(-1), 5),
        };
        await _store.SetAsync(record);
        Assert.Equal(record, await _store.TryGetAsync(record.Name));

        // ISO 8601 with a space instead of the T is not what the JSON reader accepts, but what a hand edit might leave
        string path = Directory.GetFiles(_dir.Combine("images"), "*.json").Single();
        string json = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, json.Replace("\"CreatedAt\":\"2026-12-02T18:48:22.7245711+02:00\"", "\"CreatedAt\":\"2026-12-02 18:48:22.7245711+02:00\"", StringComparison.Ordinal));
        Assert.NotEqual(json, await File.ReadAllTextAsync(path));
        Assert.Equal(created, (await _store.TryGetAsync(record.Name))!.CreatedAt);
    }

    [Fact]
    public async Task Corrupt_record_names_its_file()
    {
        Directory.CreateDirectory(_dir.Combine("images"));
        string path = _dir.Combine("images", "broken.json");
        await File.WriteAllTextAsync(path, "{\"Name\": 3");
        var e = await Assert.ThrowsAsync<DrydockException>(async () => await _store.TryGetAsync("broken"));
        Assert.Equal(ErrorKind.DataCorrupted, e.Kind);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_writers_of_one_name_leave_a_whole_record()
    {
        var target = new Descriptor(MediaTypes.OciImageManifest, Digest.Sha256([1]), 10);
        await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
            await _store.SetAsync(new ImageRecord("docker.io/library/race:1", target with { Size = i }, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)))));
        ImageRecord r = (await _store.TryGetAsync("docker.io/library/race:1"))!;
        Assert.InRange(r.Target.Size, 0, 31);
        Assert.Single(Directory.GetFiles(_dir.Combine("images")));
    }
}

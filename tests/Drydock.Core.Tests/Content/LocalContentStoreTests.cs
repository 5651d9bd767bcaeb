using System.Text;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Oci;
using Drydock.TestKit;

namespace Drydock.Core.Tests.Content;

public sealed class LocalContentStoreTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly LocalContentStore _store;

    public LocalContentStoreTests() => _store = new LocalContentStore(new DrydockRoot(_dir.Path));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Commit_stores_blob_under_its_digest_and_reads_back()
    {
        byte[] data = Encoding.UTF8.GetBytes("hello drydock");
        Descriptor d = await _store.WriteBlobAsync(data, MediaTypes.OciLayer);

        Assert.Equal(Digest.Sha256(data), d.Digest);
        Assert.Equal(data.Length, d.Size);
        Assert.True(File.Exists(_dir.Combine("content", "blobs", "sha256", d.Digest.Encoded)));
        Assert.Equal(data, await _store.ReadAllBytesAsync(d.Digest));
        Assert.Equal(data.Length, (await _store.TryGetInfoAsync(d.Digest))!.Size);
    }

    [Fact]
    public async Task A_blob_written_in_many_windows_of_early_writeback_is_whole()
    {
        byte[] data = new byte[(20 << 20) + 12345];
        new Random(7).NextBytes(data);
        await using (IContentWriter w = await _store.OpenWriterAsync("big"))
        {
            for (int o = 0; o < data.Length; o += 1_000_003) await w.Data.WriteAsync(data.AsMemory(o, Math.Min(1_000_003, data.Length - o)));
            Assert.Equal(Digest.Sha256(data), (await w.CommitAsync(MediaTypes.OciLayer, Digest.Sha256(data))).Digest);
        }
        await using Stream back = await _store.OpenReadAsync(Digest.Sha256(data));
        var copy = new MemoryStream();
        await back.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public async Task Commit_with_wrong_expected_digest_fails_and_leaves_nothing()
    {
        byte[] data = [1, 2, 3];
        Digest wrong = Digest.Sha256([4, 5, 6]);
        await using (IContentWriter w = await _store.OpenWriterAsync("test"))
        {
            await w.Data.WriteAsync(data);
            var e = await Assert.ThrowsAsync<DrydockException>(async () => await w.CommitAsync(MediaTypes.OciLayer, wrong));
            Assert.Equal(ErrorKind.DataCorrupted, e.Kind);
            Assert.Contains("digest mismatch", e.Message, StringComparison.Ordinal);
        }
        Assert.Null(await _store.TryGetInfoAsync(wrong));
        Assert.Null(await _store.TryGetInfoAsync(Digest.Sha256(data)));
        Assert.Empty(Directory.EnumerateFiles(_dir.Combine("content", "ingest")));
        await Assert.ThrowsAsync<DrydockException>(async () => await _store.OpenReadAsync(wrong));
    }

    [Fact]
    public async Task Disposing_an_uncommitted_writer_discards_the_ingest()
    {
        await using (IContentWriter w = await _store.OpenWriterAsync("abandoned"))
            await w.Data.WriteAsync(new byte[] { 9, 9 });
        Assert.Empty(Directory.EnumerateFiles(_dir.Combine("content", "ingest")));
        Assert.Empty(await ToListAsync(_store.ListAsync()));
    }

    [Fact]
    public async Task Concurrent_writers_of_the_same_blob_both_succeed()
    {
        byte[] data = new byte[1 << 20];
        Random.Shared.NextBytes(data);
        Descriptor[] results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _store.WriteBlobAsync(data, MediaTypes.OciLayer).AsTask()));
        Assert.All(results, r => Assert.Equal(Digest.Sha256(data), r.Digest));
        Assert.Single(await ToListAsync(_store.ListAsync()));
        Assert.Equal(data, await _store.ReadAllBytesAsync(results[0].Digest, long.MaxValue));
    }

    [Fact]
    public async Task Delete_removes_the_blob()
    {
        Descriptor d = await _store.WriteBlobAsync(new byte[] { 1 }, MediaTypes.OciLayer);
        await _store.DeleteAsync(d.Digest);
        Assert.False(await _store.ExistsAsync(d.Digest));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (T item in items) list.Add(item);
        return list;
    }
}

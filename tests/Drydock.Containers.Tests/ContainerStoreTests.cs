using Drydock.Containers.Store;
using Drydock.Core;
using Drydock.Core.Images;
using Drydock.TestKit;

namespace Drydock.Containers.Tests;

public sealed class ContainerStoreTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ContainerStore _store;

    public ContainerStoreTests() => _store = new ContainerStore(new DrydockRoot(_dir.Path));

    public void Dispose() => _dir.Dispose();

    private ValueTask<ContainerRecord> CreateAsync(string? name, string imageId = "sha256:aa")
        => _store.CreateAsync(name, (id, n) => new ContainerRecord
        {
            Id = id, Name = n, Image = "busybox", ImageId = imageId, Command = ["sh"], Created = DateTimeOffset.UtcNow, SnapshotKey = "container-" + id,
        }, CancellationToken.None);

    [Fact]
    public async Task Created_records_have_a_64_hex_id_a_docker_style_name_and_round_trip()
    {
        ContainerRecord r = await CreateAsync(null);
        Assert.Matches("^[0-9a-f]{64}$", r.Id);
        Assert.Matches("^[a-z]+_[a-z]+[0-9]*$", r.Name);
        ContainerRecord? back = await _store.TryGetAsync(r.Id, CancellationToken.None);
        Assert.Equal(r.Name, back!.Name);
        Assert.Equal(["sh"], back.Command);
        Assert.Equal(ContainerStatus.Created, back.Status);
    }

    [Fact]
    public async Task A_corrupt_record_is_named_with_where_it_breaks_and_what_to_do()
    {
        ContainerRecord r = await CreateAsync("broken");
        string dir = Path.GetDirectoryName(Directory.GetFiles(_dir.Path, "config.json", SearchOption.AllDirectories).Single())!;
        await File.WriteAllTextAsync(Path.Combine(dir, "config.json"), "{\"id\": 3}");
        var e = await Assert.ThrowsAsync<DrydockException>(async () => await _store.TryGetAsync(r.Id, CancellationToken.None));
        Assert.Equal(ErrorKind.DataCorrupted, e.Kind);
        Assert.Contains(Path.Combine(dir, "config.json"), e.Message, StringComparison.Ordinal);
        Assert.Contains("line 1, byte 9, $.id", e.Message, StringComparison.Ordinal);
        Assert.Contains($"remove '{dir}'", e.Message, StringComparison.Ordinal);
        Assert.Null(e.InnerException);
    }

    [Fact]
    public async Task Ids_are_random()
    {
        var ids = new HashSet<string>();
        for (int i = 0; i < 20; i++) ids.Add((await CreateAsync($"c{i}")).Id);
        Assert.Equal(20, ids.Count);
        // no byte position is constant across them, as it would be with a GUID's version bits
        for (int at = 0; at < 64; at += 2) Assert.True(ids.Select(id => id.Substring(at, 2)).Distinct().Count() > 1, $"byte {at / 2} never changes");
    }

    [Fact]
    public async Task Names_are_unique_and_validated()
    {
        ContainerRecord first = await CreateAsync("web");
        var e = await Assert.ThrowsAsync<DrydockException>(() => CreateAsync("web").AsTask());
        Assert.Equal(ErrorKind.AlreadyExists, e.Kind);
        Assert.Contains(first.Id, e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DrydockException>(() => CreateAsync("bad name!").AsTask());
    }

    [Fact]
    public async Task Find_accepts_name_full_id_and_unique_prefix()
    {
        ContainerRecord r = await CreateAsync("db");
        Assert.Equal(r.Id, (await _store.FindAsync("db", CancellationToken.None)).Id);
        Assert.Equal(r.Id, (await _store.FindAsync("/db", CancellationToken.None)).Id);
        Assert.Equal(r.Id, (await _store.FindAsync(r.Id, CancellationToken.None)).Id);
        Assert.Equal(r.Id, (await _store.FindAsync(r.Id[..5], CancellationToken.None)).Id);
        var missing = await Assert.ThrowsAsync<DrydockException>(() => _store.FindAsync("nope", CancellationToken.None).AsTask());
        Assert.Equal("No such container: nope", missing.Message);
    }

    [Fact]
    public async Task Update_and_delete_change_what_readers_see()
    {
        ContainerRecord r = await CreateAsync(null);
        await _store.UpdateAsync(r.Id, x => x with { Status = ContainerStatus.Exited, ExitCode = 3 }, CancellationToken.None);
        Assert.Equal(3, (await _store.TryGetAsync(r.Id, CancellationToken.None))!.ExitCode);
        await _store.DeleteAsync(r.Id, CancellationToken.None);
        Assert.Null(await _store.TryGetAsync(r.Id, CancellationToken.None));
        Assert.False(Directory.Exists(_store.DirectoryOf(r.Id)));
        Assert.Null(await _store.UpdateAsync(r.Id, x => x, CancellationToken.None));
    }

    [Fact]
    public async Task Image_usage_lists_containers_of_that_image()
    {
        await CreateAsync("one", Digest.Sha256("a"u8).ToString());
        await CreateAsync("two", Digest.Sha256("b"u8).ToString());
        IImageUsage usage = new ContainerImageUsage(new DrydockRoot(_dir.Path));
        Assert.Equal(["one"], await usage.ContainersUsingAsync(Digest.Sha256("a"u8)));
    }
}

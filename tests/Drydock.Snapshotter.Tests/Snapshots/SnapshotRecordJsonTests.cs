using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Drydock.Core;
using Drydock.Snapshotter.Metadata;

namespace Drydock.Snapshotter.Tests.Snapshots;

public sealed class SnapshotRecordJsonTests
{
    private static byte[] Serialized(SnapshotRecord r) => JsonSerializer.SerializeToUtf8Bytes(r, MetadataJsonContext.Default.SnapshotRecord);

    public static TheoryData<int> Records => new() { 0, 1, 2 };

    private static SnapshotRecord Record(int which) => which switch
    {
        0 => new SnapshotRecord { Name = "sha256:abc", Kind = SnapshotKind.Committed, CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), Id = 1 },
        1 => new SnapshotRecord
        {
            Name = "build/x+y \"quoted\" é",
            Parent = "sha256:abc",
            Kind = SnapshotKind.Active,
            CreatedAt = new DateTimeOffset(2026, 12, 2, 20, 29, 20, TimeSpan.FromHours(2)).AddTicks(9249921),
            Labels = ImmutableDictionary<string, string>.Empty.Add("drydock.diffid", "sha256:1").Add("a<b>", "&"),
            Id = 220,
            ParentIds = [218, 216, 1],
            Owner = new ProcessIdentity(4242, 123456789012),
        },
        _ => new SnapshotRecord { Name = "v", Kind = SnapshotKind.View, CreatedAt = DateTimeOffset.UnixEpoch, Id = long.MaxValue, ParentIds = [long.MaxValue - 1] },
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void Writes_what_the_serializer_writes(int which)
        => Assert.Equal(Encoding.UTF8.GetString(Serialized(Record(which))), Encoding.UTF8.GetString(SnapshotRecordJson.Write(Record(which))));

    [Theory]
    [MemberData(nameof(Records))]
    public void Reads_what_the_serializer_reads(int which)
    {
        byte[] json = Serialized(Record(which));
        SnapshotRecord fast = SnapshotRecordJson.TryRead(json) ?? throw new InvalidOperationException("not read");
        SnapshotRecord slow = JsonSerializer.Deserialize(json, MetadataJsonContext.Default.SnapshotRecord)!;
        Assert.Equal(Serialized(slow), Serialized(fast));
        Assert.Equal(slow.Labels.Keys.Order(), fast.Labels.Keys.Order());
    }

    [Theory]
    [InlineData("""{"Name":"n","Kind":2,"CreatedAt":"2026-01-01T00:00:00+00:00","Labels":{},"Id":1,"ParentIds":[]}""")]
    [InlineData("""{"Name":"n","Kind":"committed","CreatedAt":"2026-01-01T00:00:00+00:00","Labels":{},"Id":1,"ParentIds":[]}""")]
    [InlineData("""{"Name":"n","Kind":"Committed","CreatedAt":"2026-01-01T00:00:00+00:00","Id":1,"ParentIds":[]}""")]
    [InlineData("""{"Name":"n","Kind":"Committed","CreatedAt":"2026-01-01T00:00:00+00:00","Labels":null,"Id":1,"ParentIds":[]}""")]
    [InlineData("""{"Name":"n","Kind":"Committed","CreatedAt":"2026-01-01T00:00:00+00:00","Labels":{},"Id":1}""")]
    [InlineData("""{"Name":"n","Kind":"Committed","CreatedAt":"2026-01-01T00:00:00+00:00","Labels":{},"Id":1,"ParentIds":[]} trailing""")]
    [InlineData("""{"Name":"n","Kind":"Committed","CreatedAt":"2026-01-01T00:00:00+00:00","Labels":{},"Id":1,"ParentIds":[],"Owner":{"Pid":1}}""")]
    public void What_the_reader_does_not_model_is_left_to_the_serializer(string json)
        => Assert.Null(SnapshotRecordJson.TryRead(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void A_corrupt_record_is_named_with_where_it_breaks_and_what_to_do()
    {
        using var dir = new Drydock.TestKit.TempDir();
        var paths = new SnapshotPaths(dir.Path);
        paths.CreateDirectories();
        var store = new MetadataStore(paths);
        store.Write(Record(0), durable: false);
        string file = Directory.GetFiles(paths.Records).Single();
        File.WriteAllText(file, "{\"Name\":\"n\",\n \"Kind\":");
        var e = Assert.Throws<DrydockException>(() => store.TryRead(Record(0).Name));
        Assert.Equal(ErrorKind.DataCorrupted, e.Kind);
        Assert.Contains(file, e.Message, StringComparison.Ordinal);
        Assert.Contains("JSON error at line 2", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("remove the file to drop the snapshot", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_properties_are_skipped_as_the_serializer_skips_them()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"Name":"n","Future":{"x":[1,2]},"Kind":"Committed","CreatedAt":"2026-01-01T00:00:00+00:00","Labels":{},"Id":7,"ParentIds":[3]}""");
        Assert.Equal(Serialized(JsonSerializer.Deserialize(json, MetadataJsonContext.Default.SnapshotRecord)!), Serialized(SnapshotRecordJson.TryRead(json)!));
    }
}

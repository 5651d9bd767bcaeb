using System.Text;
using System.Text.Json;
using Drydock.Containers.Store;
using Drydock.Core;

namespace Drydock.Containers.Tests;

public sealed class ContainerRecordJsonTests
{
    private static byte[] Serialized(ContainerRecord r) => JsonSerializer.SerializeToUtf8Bytes(r, ContainersJsonContext.Default.ContainerRecord);

    public static TheoryData<int> Records => new() { 0, 1 };

    private static ContainerRecord Record(int which)
    {
        var minimal = new ContainerRecord
        {
            Id = new string('a', 64),
            Name = "eager_turing",
            Image = "busybox",
            ImageId = "sha256:" + new string('b', 64),
            Command = [],
            Created = new DateTimeOffset(2026, 12, 2, 21, 0, 0, TimeSpan.Zero).AddTicks(1234567),
            SnapshotKey = "container-" + new string('a', 64),
        };
        return which == 0 ? minimal : minimal with
        {
            Command = ["sh", "-c", "echo \"hi\" <&> é"],
            Status = ContainerStatus.Exited,
            ExitCode = 137,
            StartedAt = DateTimeOffset.UnixEpoch,
            FinishedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(-5)),
            Process = new ProcessIdentity(77, 88),
            Owner = new ProcessIdentity(99, ulong.MaxValue),
            Snapshotter = "overlayfs",
            AutoRemove = true,
            Detached = true,
            StopSignal = 3,
            Runtime = "/usr/sbin/runc",
            Error = "the drydock process supervising the container exited",
        };
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void Writes_what_the_serializer_writes(int which)
        => Assert.Equal(Encoding.UTF8.GetString(Serialized(Record(which))), Encoding.UTF8.GetString(ContainerRecordJson.Write(Record(which))));

    [Theory]
    [MemberData(nameof(Records))]
    public void Reads_what_the_serializer_reads(int which)
    {
        byte[] json = Serialized(Record(which));
        ContainerRecord fast = ContainerRecordJson.TryRead(json) ?? throw new InvalidOperationException("not read");
        ContainerRecord slow = JsonSerializer.Deserialize(json, ContainersJsonContext.Default.ContainerRecord)!;
        Assert.Equal(Serialized(slow), Serialized(fast));
    }

    [Theory]
    [InlineData("\"status\": \"Exited\"", "\"status\": \"exited\"")]
    [InlineData("\"status\": \"Exited\"", "\"status\": 2")]
    [InlineData("\"stopSignal\": 3", "\"stopSignal\": null")]
    [InlineData("\"pid\": 99,", "")]
    [InlineData("\"detached\": true,", "")]
    [InlineData("\"command\": [", "\"command\": null, \"x\": [")]
    public void What_the_reader_does_not_model_is_left_to_the_serializer(string find, string replace)
    {
        string json = Encoding.UTF8.GetString(Serialized(Record(1)));
        Assert.Contains(find, json, StringComparison.Ordinal);
        Assert.Null(ContainerRecordJson.TryRead(Encoding.UTF8.GetBytes(json.Replace(find, replace, StringComparison.Ordinal))));
    }
}

using Drydock.Containers.Ps;
using Drydock.Containers.Spec;
using Drydock.Containers.Store;
using Drydock.Core;

namespace Drydock.Containers.Tests;

public class SmallParsersTests
{
    [Theory]
    [InlineData("1024", 1024L)]
    [InlineData("4k", 4096L)]
    [InlineData("512m", 512L << 20)]
    [InlineData("512MB", 512L << 20)]
    [InlineData("1g", 1L << 30)]
    [InlineData("1.5g", 3L << 29)]
    public void Byte_sizes_parse_like_docker(string value, long expected) => Assert.Equal(expected, ByteSize.Parse(value, "--memory"));

    [Theory]
    [InlineData("lots")]
    [InlineData("-5m")]
    [InlineData("0")]
    public void Bad_byte_sizes_are_refused(string value) => Assert.Throws<DrydockException>(() => ByteSize.Parse(value, "--memory"));

    [Theory]
    [InlineData("SIGTERM", 15)]
    [InlineData("term", 15)]
    [InlineData("9", 9)]
    [InlineData("SIGUSR1", 10)]
    [InlineData("RTMIN+1", 35)]
    public void Signals_parse(string value, int expected) => Assert.Equal(expected, Signals.Parse(value));

    [Fact]
    public void Unknown_signal_is_refused() => Assert.Throws<DrydockException>(() => Signals.Parse("SIGNOPE"));

    [Fact]
    public void Capabilities_follow_dockers_add_and_drop()
    {
        Assert.Null(Capabilities.Apply([], []));
        IReadOnlyList<string> dropped = Capabilities.Apply([], ["chown", "CAP_KILL"])!;
        Assert.DoesNotContain("CAP_CHOWN", dropped);
        Assert.DoesNotContain("CAP_KILL", dropped);
        Assert.Equal(Capabilities.Default.Count - 2, dropped.Count);
        Assert.Equal(Capabilities.All.Count, Capabilities.Apply(["ALL"], [])!.Count);
        Assert.Equal(["CAP_SYS_ADMIN"], Capabilities.Apply(["SYS_ADMIN"], ["ALL"]));
        Assert.Throws<DrydockException>(() => Capabilities.Apply(["CAP_MAGIC"], []));
    }

    [Fact]
    public void Human_durations_read_like_dockers()
    {
        Assert.Equal("Less than a second", HumanDuration.Format(TimeSpan.FromMilliseconds(300)));
        Assert.Equal("5 seconds", HumanDuration.Format(TimeSpan.FromSeconds(5)));
        Assert.Equal("About a minute", HumanDuration.Format(TimeSpan.FromSeconds(70)));
        Assert.Equal("3 minutes", HumanDuration.Format(TimeSpan.FromMinutes(3)));
        Assert.Equal("About an hour", HumanDuration.Format(TimeSpan.FromMinutes(61)));
        Assert.Equal("5 hours", HumanDuration.Format(TimeSpan.FromHours(5)));
        Assert.Equal("3 days", HumanDuration.Format(TimeSpan.FromDays(3)));
    }

    [Fact]
    public void Process_identity_tells_a_live_process_from_a_recycled_pid()
    {
        Assert.True(ProcessIdentity.Current.IsAlive);
        Assert.False((ProcessIdentity.Current with { StartTime = ProcessIdentity.Current.StartTime + 1 }).IsAlive);
        Assert.Null(ProcessIdentity.Of(int.MaxValue));
    }
}

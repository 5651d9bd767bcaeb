using Drydock.Core;
using Drydock.Solver.Build;

namespace Drydock.Solver.Tests.Build;

public sealed class BuildFlagsTests
{
    [Fact]
    public void Build_args_take_values_or_the_environment()
    {
        var args = BuildFlags.BuildArgs(["A=1", "B=", "FROM_ENV", "UNSET"], n => n == "FROM_ENV" ? "env" : null);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "", ["FROM_ENV"] = "env" }, args);
    }

    [Fact]
    public void Secrets_parse_like_docker()
    {
        Assert.Equal(new SecretSource("tok", "/tmp/tok.txt", null), BuildFlags.Secret("id=tok,src=/tmp/tok.txt"));
        Assert.Equal(new SecretSource("tok", null, "MY_TOKEN"), BuildFlags.Secret("id=tok,env=MY_TOKEN"));
        Assert.Equal(new SecretSource("tok", null, "MY_TOKEN"), BuildFlags.Secret("id=tok,type=env,src=MY_TOKEN"));
        Assert.Contains("unknown key 'path'", Assert.Throws<DrydockException>(() => BuildFlags.Secret("id=x,path=y")).Message);
    }

    [Fact]
    public void Outputs_parse_and_validate()
    {
        Assert.Equal(new OutputSpec("oci", "out.tar", null), BuildFlags.Output("type=oci,dest=out.tar"));
        Assert.Equal(new OutputSpec("local", "outdir", null), BuildFlags.Output("outdir"));
        Assert.Equal(new OutputSpec("image", null, "app:1"), BuildFlags.Output("type=image,name=app:1"));
        Assert.Contains("needs dest=PATH", Assert.Throws<DrydockException>(() => BuildFlags.Output("type=tar")).Message);
        Assert.Contains("unsupported type 'registry'", Assert.Throws<DrydockException>(() => BuildFlags.Output("type=registry")).Message);
    }

    [Fact]
    public void Source_date_epoch_is_seconds()
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), BuildFlags.SourceDateEpoch("1700000000"));
        Assert.Null(BuildFlags.SourceDateEpoch(""));
        Assert.Throws<DrydockException>(() => BuildFlags.SourceDateEpoch("yesterday"));
    }
}

public sealed class PruneFlagsTests
{
    [Theory]
    [InlineData("24h", 24 * 60)]
    [InlineData("90m", 90)]
    [InlineData("1h30m", 90)]
    public void Durations(string value, int minutes) => Assert.Equal(TimeSpan.FromMinutes(minutes), BuildFlags.Duration(value));

    [Theory]
    [InlineData("512", 512L)]
    [InlineData("10kb", 10240L)]
    [InlineData("1.5GB", 1610612736L)]
    [InlineData("2g", 2147483648L)]
    public void Sizes(string value, long bytes) => Assert.Equal(bytes, BuildFlags.ByteSize(value));

    [Fact]
    public void Bad_values_are_usage_errors()
    {
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DrydockException>(() => BuildFlags.Duration("1 day")).Kind);
        Assert.Equal(ErrorKind.InvalidArgument, Assert.Throws<DrydockException>(() => BuildFlags.ByteSize("lots")).Kind);
    }
}

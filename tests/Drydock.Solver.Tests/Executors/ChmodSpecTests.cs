using Drydock.Core;
using Drydock.Solver.Executors;

namespace Drydock.Solver.Tests.Executors;

public sealed class ChmodSpecTests
{
    [Theory]
    [InlineData("0755", 0b110_100_100, false, 0b111_101_101)]
    [InlineData("644", 0b111_111_111, true, 0b110_100_100)]
    [InlineData("+x", 0b110_100_100, false, 0b111_101_101)]
    [InlineData("u=rwX,go=rX", 0b110_110_110, false, 0b110_100_100)]
    [InlineData("u=rwX,go=rX", 0b110_110_110, true, 0b111_101_101)]
    [InlineData("u=rwX,go=rX", 0b111_000_000, false, 0b111_101_101)]
    [InlineData("a-w", 0b111_111_111, false, 0b101_101_101)]
    [InlineData("g+s", 0b111_101_101, true, 0b010_111_101_101)]
    public void Applies_like_chmod(string spec, int before, bool isDir, int after)
        => Assert.Equal((UnixFileMode)after, ChmodSpec.Parse(spec).Apply((UnixFileMode)before, isDir));

    [Theory]
    [InlineData("9")]
    [InlineData("u=q")]
    [InlineData("77777")]
    [InlineData("u")]
    public void Rejects_bad_values(string spec)
    {
        var e = Assert.Throws<DrydockException>(() => ChmodSpec.Parse(spec));
        Assert.Contains($"invalid --chmod value '{spec}'", e.Message);
    }
}

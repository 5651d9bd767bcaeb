using Drydock.Core;
using Drydock.Solver.Executors;

namespace Drydock.Solver.Tests.Executors;

public sealed class UserSpecTests
{
    private const string Passwd = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1001::/home/app:/bin/sh\n";
    private const string Group = "root:x:0:\nstaff:x:50:\napp:x:1001:\n";

    [Theory]
    [InlineData("", 0u, 0u)]
    [InlineData("app", 1000u, 1001u)]
    [InlineData("app:staff", 1000u, 50u)]
    [InlineData("1000", 1000u, 1001u)]
    [InlineData("4242", 4242u, 0u)]
    [InlineData("4242:7", 4242u, 7u)]
    public void Resolves_user(string spec, uint uid, uint gid)
        => Assert.Equal((uid, gid), UserSpec.Resolve(spec, Passwd, Group));

    [Theory]
    [InlineData("app", 1000u, 1000u)]
    [InlineData("4242", 4242u, 4242u)]
    [InlineData("app:staff", 1000u, 50u)]
    public void Chown_without_group_uses_the_uid(string spec, uint uid, uint gid)
        => Assert.Equal((uid, gid), UserSpec.Resolve(spec, Passwd, Group, chown: true));

    [Fact]
    public void Unknown_names_are_errors()
    {
        Assert.Contains("unable to find user nobody", Assert.Throws<DrydockException>(() => UserSpec.Resolve("nobody", Passwd, Group)).Message);
        Assert.Contains("unable to find group wheel", Assert.Throws<DrydockException>(() => UserSpec.Resolve("app:wheel", Passwd, Group)).Message);
    }
}

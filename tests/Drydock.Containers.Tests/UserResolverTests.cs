using Drydock.Containers.Rootfs;
using Drydock.Core;

namespace Drydock.Containers.Tests;

public class UserResolverTests
{
    private const string Passwd = """
        root:x:0:0:root:/root:/bin/sh
        daemon:x:1:1:daemon:/usr/sbin:/bin/false
        # a comment
        app:x:1000:1000:App:/home/app:/bin/sh
        nohome:x:1001:1001:::/bin/sh
        """;

    private const string Group = """
        root:x:0:
        wheel:x:10:root,app
        app:x:1000:
        audio:x:29:app
        staff:x:50:
        """;

    [Fact]
    public void Empty_user_is_root_with_roots_home_and_groups()
    {
        ExecUser u = UserResolver.Resolve(null, Passwd, Group);
        Assert.Equal((0u, 0u, "/root"), (u.Uid, u.Gid, u.Home));
        Assert.Equal([10u], u.AdditionalGids);
    }

    [Fact]
    public void Name_resolves_uid_gid_home_and_supplementary_groups()
    {
        ExecUser u = UserResolver.Resolve("app", Passwd, Group);
        Assert.Equal((1000u, 1000u, "/home/app"), (u.Uid, u.Gid, u.Home));
        Assert.Equal([10u, 29u], u.AdditionalGids);
    }

    [Fact]
    public void Numeric_uid_in_passwd_takes_its_entry()
    {
        ExecUser u = UserResolver.Resolve("1000", Passwd, Group);
        Assert.Equal((1000u, 1000u, "/home/app"), (u.Uid, u.Gid, u.Home));
    }

    [Fact]
    public void Unknown_numeric_uid_is_used_as_is_with_gid_0_and_home_slash()
    {
        ExecUser u = UserResolver.Resolve("4242", Passwd, Group);
        Assert.Equal((4242u, 0u, "/"), (u.Uid, u.Gid, u.Home));
        Assert.Empty(u.AdditionalGids);
    }

    [Fact]
    public void Explicit_group_by_name_or_number_replaces_primary_and_supplementary_groups()
    {
        ExecUser byName = UserResolver.Resolve("app:staff", Passwd, Group);
        Assert.Equal((1000u, 50u), (byName.Uid, byName.Gid));
        Assert.Empty(byName.AdditionalGids);
        ExecUser byNumber = UserResolver.Resolve("1000:777", Passwd, Group);
        Assert.Equal((1000u, 777u), (byNumber.Uid, byNumber.Gid));
    }

    [Fact]
    public void Empty_home_field_defaults_to_slash()
        => Assert.Equal("/", UserResolver.Resolve("nohome", Passwd, Group).Home);

    [Fact]
    public void Unknown_names_fail_as_docker_reports_them()
    {
        var user = Assert.Throws<DrydockException>(() => UserResolver.Resolve("nobody", Passwd, Group));
        Assert.Equal("unable to find user nobody: no matching entries in passwd file", user.Message);
        var group = Assert.Throws<DrydockException>(() => UserResolver.Resolve("app:nogroup", Passwd, Group));
        Assert.Equal("unable to find group nogroup: no matching entries in group file", group.Message);
    }

    [Fact]
    public void Missing_passwd_file_allows_numeric_ids_only()
    {
        Assert.Equal(5u, UserResolver.Resolve("5:6", null, null).Uid);
        Assert.Throws<DrydockException>(() => UserResolver.Resolve("app", null, null));
    }
}

using Drydock.Core;
using Drydock.Core.References;

namespace Drydock.Core.Tests.References;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("busybox", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("busybox:1.36", "docker.io/library/busybox:1.36", "busybox:1.36")]
    [InlineData("docker.io/busybox", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("index.docker.io/library/busybox", "docker.io/library/busybox:latest", "busybox:latest")]
    [InlineData("user/app", "docker.io/user/app:latest", "user/app:latest")]
    [InlineData("localhost/app", "localhost/app:latest", "localhost/app:latest")]
    [InlineData("localhost:5000/team/app:v1.2", "localhost:5000/team/app:v1.2", "localhost:5000/team/app:v1.2")]
    [InlineData("registry.example.com/a/b/c", "registry.example.com/a/b/c:latest", "registry.example.com/a/b/c:latest")]
    [InlineData("[::1]:5000/app:x", "[::1]:5000/app:x", "[::1]:5000/app:x")]
    [InlineData("my_app-1.x__y:tag_1.0-rc", "docker.io/library/my_app-1.x__y:tag_1.0-rc", "my_app-1.x__y:tag_1.0-rc")]
    [InlineData("a---b", "docker.io/library/a---b:latest", "a---b:latest")]
    [InlineData("localhost:5000", "docker.io/library/localhost:5000", "localhost:5000")]
    [InlineData("Registry-1.Example.com:443/app", "Registry-1.Example.com:443/app:latest", "Registry-1.Example.com:443/app:latest")]
    [InlineData("[2001:db8::1]/app", "[2001:db8::1]/app:latest", "[2001:db8::1]/app:latest")]
    public void Normalizes_like_docker(string input, string normalized, string familiar)
    {
        ImageReference r = ImageReference.Parse(input);
        Assert.Equal(normalized, r.ToString());
        Assert.Equal(familiar, r.Familiar);
    }

    [Fact]
    public void Digest_reference_has_no_default_tag()
    {
        string hex = new('a', 64);
        ImageReference r = ImageReference.Parse($"busybox@sha256:{hex}");
        Assert.Null(r.Tag);
        Assert.Equal(new Digest("sha256", hex), r.Digest);
        Assert.Equal($"docker.io/library/busybox@sha256:{hex}", r.ToString());
        Assert.Equal($"busybox@sha256:{hex}", r.Familiar);
    }

    [Theory]
    [InlineData("", "at least one component")]
    [InlineData("Busybox", "must be lowercase")]
    [InlineData("busybox:", "invalid reference format")]
    [InlineData("busy box", "invalid reference format")]
    [InlineData("-app", "invalid reference format")]
    [InlineData("app:-tag", "invalid reference format")]
    [InlineData("app@sha256:xyz", "invalid reference format")]
    [InlineData("a-.b", "invalid reference format")]
    [InlineData("a___b", "invalid reference format")]
    [InlineData("a//b", "invalid reference format")]
    [InlineData("app/", "invalid reference format")]
    [InlineData("host:port/app", "invalid reference format")]
    [InlineData("-host.com/app", "invalid reference format")]
    [InlineData("[::g]/app", "invalid reference format")]
    [InlineData("app:a/b", "invalid reference format")]
    [InlineData("app:tag@", "invalid reference format")]
    [InlineData("app@sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "invalid digest format")]
    [InlineData("app:été", "invalid reference format")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "64-byte hexadecimal")]
    public void Malformed_reference_gets_a_clear_error(string input, string why)
    {
        var e = Assert.Throws<DrydockException>(() => ImageReference.Parse(input));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
        Assert.Contains($"'{input}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tag_is_at_most_128_characters()
    {
        Assert.Equal(new string('t', 128), ImageReference.Parse("app:" + new string('t', 128)).Tag);
        Assert.Throws<DrydockException>(() => ImageReference.Parse("app:" + new string('t', 129)));
    }
}

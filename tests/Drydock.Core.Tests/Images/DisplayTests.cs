using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Core.Images.Display;
using Drydock.Core.Oci;
using Drydock.Core.References;

namespace Drydock.Core.Tests.Images;

public sealed class DisplayTests
{
    [Theory]
    [InlineData(0, "0B")]
    [InlineData(999, "999B")]
    [InlineData(1234, "1.23kB")]
    [InlineData(4_261_550, "4.26MB")]
    [InlineData(1_000_000_000, "1GB")]
    [InlineData(77_800_000, "77.8MB")]
    public void HumanSize_matches_docker(long bytes, string expected) => Assert.Equal(expected, Units.HumanSize(bytes));

    [Theory]
    [InlineData(0.5, "Less than a second")]
    [InlineData(1, "1 second")]
    [InlineData(45, "45 seconds")]
    [InlineData(90, "About a minute")]
    [InlineData(60 * 30, "30 minutes")]
    [InlineData(60 * 60, "About an hour")]
    [InlineData(60 * 60 * 5, "5 hours")]
    [InlineData(60 * 60 * 24 * 3, "3 days")]
    [InlineData(60 * 60 * 24 * 21, "3 weeks")]
    [InlineData(60 * 60 * 24 * 90, "3 months")]
    [InlineData(60 * 60 * 24 * 365 * 3, "3 years")]
    public void HumanDuration_matches_docker(double seconds, string expected) => Assert.Equal(expected, Units.HumanDuration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Table_pads_columns_like_docker_tabwriter()
    {
        var t = new TableWriter();
        t.Add("REPOSITORY", "TAG", "SIZE");
        t.Add("busybox", "latest", "4.26MB");
        Assert.Equal("REPOSITORY   TAG       SIZE\nbusybox      latest    4.26MB\n", t.ToString());
    }

    [Fact]
    public void Template_renders_fields_json_and_table_headers()
    {
        var values = new Dictionary<string, string> { ["Repository"] = "busybox", ["Tag"] = "latest" };
        GoTemplate t = GoTemplate.Parse("{{.Repository}}:{{.Tag}}", ["Repository", "Tag"]);
        Assert.Equal("busybox:latest", t.Render(values));
        Assert.Equal("\"latest\"", GoTemplate.Parse("{{json .Tag}}", ["Tag"]).Render(values));
        Assert.Equal("{\"Repository\":\"busybox\",\"Tag\":\"latest\"}", GoTemplate.Parse("{{json .}}", ["Tag"]).Render(values));
        GoTemplate table = GoTemplate.Parse("table {{.Repository}}\\t{{.Tag}}", ["Repository", "Tag"]);
        Assert.True(table.IsTable);
        Assert.Equal("REPOSITORY\tTAG", table.Header(f => f.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("{{.Nope}}", "can't evaluate field Nope")]
    [InlineData("{{range .}}x{{end}}", "unsupported template action")]
    public void Template_rejects_what_it_cannot_render(string format, string why)
    {
        var e = Assert.Throws<DrydockException>(() => GoTemplate.Parse(format, ["Repository"]));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Filters_select_by_repository_dangling_and_reference_glob()
    {
        var target = new Descriptor(MediaTypes.OciImageManifest, Digest.Sha256([1]), 1);
        ImageSummary Row(string name) => new(name, ImageNames.TryReference(name), Digest.Sha256([2]), target, null, 1, DateTimeOffset.UnixEpoch);
        var rows = new[] { Row("docker.io/library/busybox:latest"), Row("docker.io/library/busybox:1.36"), Row("localhost:5000/app:1"), Row(ImageNames.Dangling(target.Digest)) };

        Assert.Equal(2, ImageFilters.Apply(rows, "busybox", []).Count);
        Assert.Single(ImageFilters.Apply(rows, "busybox:1.36", []));
        Assert.Single(ImageFilters.Apply(rows, null, ["dangling=true"]));
        Assert.Equal(3, ImageFilters.Apply(rows, null, ["dangling=false"]).Count);
        Assert.Equal(2, ImageFilters.Apply(rows, null, ["reference=busy*"]).Count);
        Assert.Single(ImageFilters.Apply(rows, null, ["reference=*:1.36"]));
        Assert.Throws<DrydockException>(() => ImageFilters.Apply(rows, null, ["label=x"]));
    }

    [Fact]
    public void List_formatter_prints_docker_columns_and_quiet_ids()
    {
        var target = new Descriptor(MediaTypes.OciImageManifest, Digest.Sha256([1]), 1);
        Digest id = Digest.Sha256([2]);
        var now = new DateTimeOffset(2024, 1, 15, 0, 0, 0, TimeSpan.Zero);
        var row = new ImageSummary("docker.io/library/busybox:latest", ImageReference.Parse("busybox"), id, target, now.AddDays(-14), 4_261_550, now);

        string table = ImageListFormatter.Format([row], new ImageListOptions(), now);
        Assert.Equal($"REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\nbusybox      latest    {id.Short}   2 weeks ago   4.26MB\n", table);
        Assert.Equal(id.Short + "\n", ImageListFormatter.Format([row], new ImageListOptions(Quiet: true), now));
        Assert.Equal(id + "\n", ImageListFormatter.Format([row], new ImageListOptions(Quiet: true, NoTrunc: true), now));
        Assert.Contains(target.Digest.ToString(), ImageListFormatter.Format([row], new ImageListOptions(Digests: true), now), StringComparison.Ordinal);
    }
}

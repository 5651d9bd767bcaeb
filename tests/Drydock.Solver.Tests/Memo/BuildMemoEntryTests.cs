using Drydock.Core;
using Drydock.Core.Oci;
using Drydock.Solver.Memo;

namespace Drydock.Solver.Tests.Memo;

public sealed class BuildMemoEntryTests
{
    private static Digest D(char c) => Digest.Parse("sha256:" + new string(c, 64));

    [Fact]
    public void Round_trips_through_its_binary_form()
    {
        var entry = new BuildMemoEntry(new Descriptor(MediaTypes.OciImageManifest, D('a'), 559), D('b'), [D('a'), D('b'), D('c')],
            [new MemoBase("docker.io/library/busybox:latest", D('d')), new MemoBase(null, D('e'))],
            [new MemoStep("sha256:1", "[1/2] FROM docker.io/library/busybox:latest", Source: true), new MemoStep("sha256:2", "[2/2] RUN <<EOF\necho hi\nEOF", false) { Inputs = ["sha256:1"] }],
            ["FromAsCasing: 'as' and 'FROM' keywords' casing do not match (Dockerfile:1)"]);
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) entry.WriteTo(w);
        buffer.Position = 0;
        BuildMemoEntry back = BuildMemoEntry.ReadFrom(new BinaryReader(buffer))!;
        Assert.Equal(entry.Target, back.Target);
        Assert.Equal(entry.ImageId, back.ImageId);
        Assert.Equal(entry.Blobs, back.Blobs);
        Assert.Equal(entry.Bases, back.Bases);
        Assert.Equal(entry.Steps.Select(s => (s.Id, s.Name, s.Source, string.Join(",", s.Inputs))), back.Steps.Select(s => (s.Id, s.Name, s.Source, string.Join(",", s.Inputs))));
        Assert.Equal(entry.Warnings, back.Warnings);
    }

    [Fact]
    public void A_torn_entry_is_an_error_the_memo_treats_as_missing()
    {
        using var buffer = new MemoryStream([1, 0, 0, 0, 5]);
        Assert.Throws<EndOfStreamException>(() => BuildMemoEntry.ReadFrom(new BinaryReader(buffer)));
    }
}

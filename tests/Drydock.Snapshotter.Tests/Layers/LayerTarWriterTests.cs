using System.Formats.Tar;
using System.Text;
using Drydock.Core.Content;
using Drydock.Core.Oci;
using Drydock.Snapshotter.Diff;
using Drydock.Snapshotter.Layers;
using Drydock.TestKit;

namespace Drydock.Snapshotter.Tests.Layers;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LayerTarWriterTests
{
    private static async Task<byte[]> LayerOfTree(string tree, DateTimeOffset? epoch = null)
    {
        using var store = new TempDir("dd-store");
        var differ = new Differ(LayerTestKit.Store(store.Path), epoch);
        Core.Layers.Layer layer = await differ.CompareAsync([], [Core.Mount.Bind(tree, readOnly: true)], LayerCompression.None);
        return await LayerTestKit.Store(store.Path).ReadAllBytesAsync(layer.Descriptor.Digest, long.MaxValue);
    }

    private static void MakeTree(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "b/sub"));
        Directory.CreateDirectory(Path.Combine(root, "a-b"));
        File.WriteAllText(Path.Combine(root, "b/sub/file.txt"), "hello");
        File.WriteAllText(Path.Combine(root, "a-b/x"), "x");
        File.WriteAllText(Path.Combine(root, "z"), "zzz");
        File.CreateSymbolicLink(Path.Combine(root, "link"), "b/sub/file.txt");
        string longDir = Path.Combine(root, new string('d', 90), new string('e', 90));
        Directory.CreateDirectory(longDir);
        File.WriteAllText(Path.Combine(longDir, "ünïcode-" + new string('f', 60)), "long");
    }

    [Fact]
    public async Task Same_tree_twice_gives_the_same_bytes_in_sorted_order_with_pax_for_long_names()
    {
        using var t1 = new TempDir();
        using var t2 = new TempDir();
        MakeTree(t1.Path);
        await Task.Delay(20);
        MakeTree(t2.Path);
        LayerTestKit.Sh($"cd {t1.Path} && find . -exec touch -h -d @1700000000 {{}} + && cd {t2.Path} && find . -exec touch -h -d @1700000000 {{}} +");
        byte[] a = await LayerOfTree(t1.Path);
        byte[] b = await LayerOfTree(t2.Path);
        Assert.Equal(a, b);
        List<TarEntry> entries = LayerTestKit.ReadWithBcl(a);
        string[] names = [.. entries.Select(e => e.Name)];
        Assert.Equal(["a-b/", "a-b/x", "b/", "b/sub/", "b/sub/file.txt"], names[..5]);
        Assert.Contains(names, n => n.EndsWith("/ünïcode-" + new string('f', 60), StringComparison.Ordinal) && n.Length > 200);
        Assert.All(entries, e => Assert.Equal(1700000000, e.ModificationTime.ToUnixTimeSeconds()));
        Assert.All(entries, e => Assert.True(e is not PaxTarEntry p || !p.ExtendedAttributes.ContainsKey("atime")));
        Assert.All(entries, e => Assert.True(e is not PosixTarEntry p || (p.UserName.Length == 0 && p.GroupName.Length == 0)));
        Assert.Equal("b/sub/file.txt", entries.Single(e => e.Name == "link").LinkName);
        Assert.Equal(new byte[1024], a[^1024..]);
    }

    [Fact]
    public async Task Mtimes_are_clamped_to_source_date_epoch()
    {
        using var t = new TempDir();
        File.WriteAllText(Path.Combine(t.Path, "new"), "n");
        File.WriteAllText(Path.Combine(t.Path, "old"), "o");
        File.SetLastWriteTimeUtc(Path.Combine(t.Path, "old"), DateTime.UnixEpoch.AddSeconds(1000));
        byte[] tar = await LayerOfTree(t.Path, DateTimeOffset.FromUnixTimeSeconds(5000));
        List<TarEntry> entries = LayerTestKit.ReadWithBcl(tar);
        Assert.Equal(5000, entries.Single(e => e.Name == "new").ModificationTime.ToUnixTimeSeconds());
        Assert.Equal(1000, entries.Single(e => e.Name == "old").ModificationTime.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Second_link_to_an_inode_is_a_hardlink_entry()
    {
        using var t = new TempDir();
        File.WriteAllText(Path.Combine(t.Path, "a"), "data");
        LayerTestKit.Sh($"ln {t.Path}/a {t.Path}/b");
        List<TarEntry> entries = LayerTestKit.ReadWithBcl(await LayerOfTree(t.Path));
        Assert.Equal(TarEntryType.RegularFile, entries.Single(e => e.Name == "a").EntryType);
        TarEntry b = entries.Single(e => e.Name == "b");
        Assert.Equal(TarEntryType.HardLink, b.EntryType);
        Assert.Equal("a", b.LinkName);
    }

    [PrivilegedFact]
    public async Task Devices_owners_and_binary_capabilities_round_trip()
    {
        using var t = new TempDir();
        using var back = new TempDir();
        LayerTestKit.Sh($"""
            cd {t.Path}
            mknod chr c 1 3 && mknod blk b 7 0 && mkfifo fifo
            echo ping > ping && chown 1234:5678 ping && chmod 4755 ping
            """);
        // v2 capability data with bit 7 (CAP_SETUID): bytes above 0x7f must survive (they are not UTF-8)
        byte[] cap = [0x01, 0x00, 0x00, 0x02, 0x80, 0x20, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        Interop.LayerFiles.SetXattr(Path.Combine(t.Path, "ping"), "security.capability", cap);
        Interop.LayerFiles.SetXattr(Path.Combine(t.Path, "ping"), "user.comment", "hi"u8);
        byte[] tar = await LayerOfTree(t.Path);
        List<TarEntry> entries = LayerTestKit.ReadWithBcl(tar);
        var chr = entries.Single(e => e.Name == "chr");
        Assert.Equal(TarEntryType.CharacterDevice, chr.EntryType);
        Assert.Equal((1, 3), (((PosixTarEntry)chr).DeviceMajor, ((PosixTarEntry)chr).DeviceMinor));
        Assert.Equal(TarEntryType.BlockDevice, entries.Single(e => e.Name == "blk").EntryType);
        Assert.Equal(TarEntryType.Fifo, entries.Single(e => e.Name == "fifo").EntryType);

        await LayerExtractor.ExtractAsync(new MemoryStream(tar), back.Path, ExtractMode.Plain);
        string ping = Path.Combine(back.Path, "ping");
        Assert.Equal(cap, Interop.LayerFiles.GetXattr(ping, "security.capability"));
        Assert.Equal("hi"u8.ToArray(), Interop.LayerFiles.GetXattr(ping, "user.comment"));
        Assert.StartsWith("regular file 4755 1234:5678 5", LayerTestKit.Stat(ping), StringComparison.Ordinal);
        Assert.StartsWith("character special file", LayerTestKit.Stat(Path.Combine(back.Path, "chr")), StringComparison.Ordinal);
        Assert.Contains("1, 3", LayerTestKit.Run("ls", "-l", Path.Combine(back.Path, "chr")).Output, StringComparison.Ordinal);
        Assert.StartsWith("fifo", LayerTestKit.Stat(Path.Combine(back.Path, "fifo")), StringComparison.Ordinal);
        Assert.Contains("cap_setuid", LayerTestKit.Run("getcap", ping).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Pax_records_carry_long_names_and_large_ids()
    {
        string name = string.Join('/', Enumerable.Repeat("segment", 30));
        byte[] tar = LayerTestKit.Tar(w => w.WriteHeader(new TarHeader { Name = name, Mode = 0x1A4, Uid = 10_000_000, Gid = 3 }));
        var e = (PaxTarEntry)LayerTestKit.ReadWithBcl(tar).Single();
        Assert.Equal(name, e.Name);
        Assert.Equal(10_000_000, e.Uid);
        Assert.Contains("path", e.ExtendedAttributes.Keys);
        Assert.Contains("uid", e.ExtendedAttributes.Keys);
        Assert.DoesNotContain("gid", e.ExtendedAttributes.Keys);
        Assert.DoesNotContain("atime", e.ExtendedAttributes.Keys);
        Assert.Equal(Encoding.ASCII.GetBytes("ustar\0"), tar.AsSpan(1024 + 257, 6).ToArray());
    }
}

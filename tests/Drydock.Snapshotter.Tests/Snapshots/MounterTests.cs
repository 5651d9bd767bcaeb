using Drydock.Core;
using Drydock.Snapshotter.Mounting;
using Drydock.TestKit;

namespace Drydock.Snapshotter.Tests.Snapshots;

public sealed class MounterTests
{
    [PrivilegedFact]
    public async Task A_failed_mount_names_the_type_target_and_errno()
    {
        using var tmp = new TempDir();
        string target = tmp.Combine("t");
        Directory.CreateDirectory(target);
        var e = await Assert.ThrowsAsync<UnixIOException>(async () =>
            await Mounter.MountAsync([Mount.Overlay([tmp.Combine("missing-a"), tmp.Combine("missing-b")], null)], target));
        Assert.StartsWith($"failed to mount overlay on '{target}': ENOENT", e.Message, StringComparison.Ordinal);
    }

    [PrivilegedFact]
    public async Task Binds_read_only_binds_and_tmpfs_mount_and_unmount()
    {
        using var tmp = new TempDir();
        string source = tmp.Combine("src"), target = tmp.Combine("t");
        Directory.CreateDirectory(source);
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(source, "a"), "a");
        await Mounter.MountAsync([Mount.Bind(source, readOnly: true)], target);
        try
        {
            Assert.Equal("a", File.ReadAllText(Path.Combine(target, "a")));
            Assert.ThrowsAny<IOException>(() => File.WriteAllText(Path.Combine(target, "b"), "b"));
        }
        finally
        {
            await Mounter.UnmountAsync(target);
        }
        Assert.False(File.Exists(Path.Combine(target, "a")));
        await Mounter.MountAsync([new Mount("tmpfs", "tmpfs", ["size=1m"])], target);
        File.WriteAllText(Path.Combine(target, "t"), "t");
        await Mounter.UnmountAsync(target);
        Assert.False(File.Exists(Path.Combine(target, "t")));
        await Mounter.UnmountAsync(target); // not mounted: nothing to do
    }

    [PrivilegedFact]
    public async Task An_overlay_too_long_for_mount2_uses_the_new_mount_api()
    {
        using var tmp = new TempDir();
        var lowers = new List<string>();
        for (int i = 0; i < 80; i++)
        {
            string dir = tmp.Combine($"layer-with-a-rather-long-directory-name-{i:D3}");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, $"f{i}"), "x");
            lowers.Insert(0, dir);
        }
        Mount m = Mount.Overlay(lowers, null, ["ro", "index=off"]);
        Assert.True(string.Join(',', m.Options).Length > 4096);
        string target = tmp.Combine("t");
        Directory.CreateDirectory(target);
        await Mounter.MountAsync([m], target);
        try
        {
            Assert.Equal(80, Directory.GetFiles(target).Length);
        }
        finally
        {
            await Mounter.UnmountAsync(target);
        }
    }
}

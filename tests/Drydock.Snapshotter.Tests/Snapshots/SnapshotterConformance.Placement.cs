using Drydock.Snapshotter.Metadata;
using Drydock.TestKit;

namespace Drydock.Snapshotter.Tests.Snapshots;

public abstract partial class SnapshotterConformance
{
    /// <summary>
    /// On ext2/3/4 the directory of snapshot data carries chattr +T, so that ext4 places each new snapshot in block
    /// groups of its own rather than among the inodes the last prune freed; other filesystems have no such flag.
    /// </summary>
    [PrivilegedFact]
    public async Task Snapshot_data_directory_is_a_top_directory_where_the_filesystem_has_one()
    {
        using var tmp = new TempDir();
        var sn = (MetadataSnapshotter)Create(tmp.Path);
        await sn.PrepareAsync("a", null);
        bool ext = FileFacts.Run("stat", "-f", "-c", "%T", sn.Paths.Data).Trim() == "ext2/ext3";
        Assert.Equal(ext, TopDirectory.IsMarked(sn.Paths.Data));
        if (ext) Assert.Contains('T', FileFacts.Run("lsattr", "-d", sn.Paths.Data).Split(' ')[0]);
    }
}

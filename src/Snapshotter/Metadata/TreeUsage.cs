using System.IO.Enumeration;

namespace Drydock.Snapshotter.Metadata;

/// <summary>Apparent size and entry count of a tree (links are counted, not followed; hard links count per name).</summary>
internal static class TreeUsage
{
    public static SnapshotUsage Of(string root, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(root)) return new SnapshotUsage(0, 0);
        long size = 0, inodes = 1;
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true, ReturnSpecialDirectories = false };
        var entries = new FileSystemEnumerable<long>(root, (ref FileSystemEntry e) => e.IsDirectory ? 0 : e.Length, options);
        foreach (long length in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            size += length;
            inodes++;
        }
        return new SnapshotUsage(size, inodes);
    }
}

using System.Globalization;

namespace Drydock.Snapshotter.Metadata;

/// <summary>
/// The layout of one driver's directory (root.Snapshots/&lt;driver&gt;):
/// <code>
/// metadata/&lt;escaped name&gt;.json   one record per snapshot, replaced by rename
/// metadata.lock                     the inter-process lock every mutation takes
/// snapshots/&lt;id&gt;/fs, /work       a snapshot's data (work only for overlay actives)
/// l/&lt;short id&gt; → ../snapshots/&lt;id&gt;/fs   short names for overlay lowerdirs, as docker's overlay2 has
/// trash/                            data being deleted, renamed here under the lock and removed after it
/// locks/                            per chain ID unpack locks
/// </code>
/// </summary>
internal sealed class SnapshotPaths(string directory)
{
    public string Root { get; } = Path.GetFullPath(directory);

    public string Records => Path.Combine(Root, "metadata");

    public string Lock => Path.Combine(Root, "metadata.lock");

    public string Data => Path.Combine(Root, "snapshots");

    public string Links => Path.Combine(Root, "l");

    public string Trash => Path.Combine(Root, "trash");

    public string Locks => Path.Combine(Root, "locks");

    public string NextId => Path.Combine(Root, "next-id");

    /// <summary>One empty file per process that changes the root, removed when it ends with nothing left behind.</summary>
    public string Sessions => Path.Combine(Root, "sessions");

    /// <summary>Marks data that a committed record owns, so removing the active it was committed from keeps it.</summary>
    public string CommittedMarker(long id) => Path.Combine(DataOf(id), "committed");

    public string DataOf(long id) => Path.Combine(Data, id.ToString(CultureInfo.InvariantCulture));

    public string Fs(long id) => Path.Combine(DataOf(id), "fs");

    public string Work(long id) => Path.Combine(DataOf(id), "work");

    public (string Upper, string Work) UpperAndWork(long id) => (Fs(id), Work(id));

    public string Link(long id) => Path.Combine(Links, ShortId(id));

    /// <summary>The id in base 36: lowerdir entries stay a few characters past the links directory.</summary>
    public static string ShortId(long id)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        if (id == 0) return "0";
        Span<char> buffer = stackalloc char[16];
        int i = buffer.Length;
        for (long v = id; v > 0; v /= 36) buffer[--i] = digits[(int)(v % 36)];
        return new string(buffer[i..]);
    }

    public void CreateDirectories()
    {
        Directory.CreateDirectory(Records);
        Directory.CreateDirectory(Data);
        TopDirectory.Mark(Data);
        Directory.CreateDirectory(Trash);
        Directory.CreateDirectory(Sessions);
    }
}

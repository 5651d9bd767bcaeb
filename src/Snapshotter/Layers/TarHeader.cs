namespace Drydock.Snapshotter.Layers;

/// <summary>
/// One tar entry's header as our writer emits it and our reader parses it (ustar fields plus the PAX records
/// we honour). Names are relative, '/'-separated, without a trailing slash; the writer adds one to directories.
/// </summary>
internal sealed class TarHeader
{
    public const byte TypeRegular = (byte)'0', TypeRegularOld = 0, TypeHardlink = (byte)'1', TypeSymlink = (byte)'2';
    public const byte TypeChar = (byte)'3', TypeBlock = (byte)'4', TypeDirectory = (byte)'5', TypeFifo = (byte)'6';
    public const byte TypeContiguous = (byte)'7', TypePax = (byte)'x', TypePaxGlobal = (byte)'g';
    public const byte TypeGnuLongName = (byte)'L', TypeGnuLongLink = (byte)'K';

    public string Name { get; set; } = "";
    public string LinkName { get; set; } = "";
    public byte TypeFlag { get; set; } = TypeRegular;
    public uint Mode { get; set; }
    public long Uid { get; set; }
    public long Gid { get; set; }
    public long Size { get; set; }
    public long MtimeSeconds { get; set; }
    public uint MtimeNanoseconds { get; set; }
    public uint DevMajor { get; set; }
    public uint DevMinor { get; set; }
    public List<KeyValuePair<string, byte[]>> Xattrs { get; } = [];

    public void Reset()
    {
        Name = LinkName = "";
        TypeFlag = TypeRegular;
        Mode = 0;
        Uid = Gid = Size = MtimeSeconds = 0;
        MtimeNanoseconds = DevMajor = DevMinor = 0;
        Xattrs.Clear();
    }

    /// <summary>The header of a tree entry from its metadata (regular files, dirs, symlinks, devices, fifos).</summary>
    public void Set(string name, FileMeta meta)
    {
        Reset();
        Name = name;
        TypeFlag = meta.Kind switch
        {
            FileKind.Regular => TypeRegular,
            FileKind.Directory => TypeDirectory,
            FileKind.Symlink => TypeSymlink,
            FileKind.CharDevice => TypeChar,
            FileKind.BlockDevice => TypeBlock,
            FileKind.Fifo => TypeFifo,
            _ => throw new InvalidOperationException($"a layer cannot carry the socket '{name}'"),
        };
        Mode = meta.Permissions;
        Uid = meta.Uid;
        Gid = meta.Gid;
        Size = meta.Kind == FileKind.Regular ? meta.Size : 0;
        MtimeSeconds = meta.MtimeSeconds;
        LinkName = meta.LinkTarget ?? "";
        if (meta.Kind is FileKind.CharDevice or FileKind.BlockDevice)
        {
            DevMajor = meta.DevMajor;
            DevMinor = meta.DevMinor;
        }
        Xattrs.AddRange(meta.Xattrs);
    }
}

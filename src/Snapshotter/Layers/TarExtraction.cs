using Drydock.Core;

namespace Drydock.Snapshotter.Layers;

/// <summary>The state of one extraction: resolved directories, entries of this layer, deferred directory times.</summary>
internal sealed partial class TarExtraction
{
    private const string WhiteoutPrefix = ".wh.";
    private const string OpaqueMarker = ".wh..wh..opq";

    private readonly string _root;
    private readonly ExtractMode _mode;
    private readonly bool _privileged = Environment.IsPrivilegedProcess;
    // relative directory → its symlink-free relative path, all inside the root
    private readonly Dictionary<string, string> _dirs = new(StringComparer.Ordinal);
    // everything this layer created (plain mode: an opaque marker keeps these)
    private readonly HashSet<string>? _unpacked;
    private readonly List<(string Path, long Seconds, uint Nanoseconds)> _dirTimes = [];

    public TarExtraction(string root, ExtractMode mode)
    {
        _root = root;
        _mode = mode;
        if (mode == ExtractMode.Plain) _unpacked = new HashSet<string>(StringComparer.Ordinal);
    }

    public void Apply(LayerTarReader reader)
    {
        TarHeader h = reader.Header;
        string name = CleanOrThrow(h.Name, h.Name);
        int slash = name.LastIndexOf('/');
        string dir = slash < 0 ? "" : name[..slash];
        string baseName = slash < 0 ? name : name[(slash + 1)..];
        if (baseName.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
        {
            ApplyWhiteout(dir, baseName, h);
            return;
        }
        if (name.Length == 0)
        {
            if (h.TypeFlag == TarHeader.TypeDirectory) SetMetadata(_root, h, FileKind.Directory);
            return;
        }
        string realDir = ResolveDirectory(dir, create: true);
        string path = Join(realDir, baseName);
        _unpacked?.Add(Relative(path));
        switch (h.TypeFlag)
        {
            case TarHeader.TypeDirectory: CreateDirectory(path, h); break;
            case TarHeader.TypeRegular or TarHeader.TypeRegularOld or TarHeader.TypeContiguous: CreateFile(path, h, reader); break;
            case TarHeader.TypeSymlink: CreateSymlink(path, h); break;
            case TarHeader.TypeHardlink: CreateHardlink(path, h); break;
            case TarHeader.TypeChar or TarHeader.TypeBlock or TarHeader.TypeFifo: CreateNode(path, h); break;
            default:
                throw new DrydockException(ErrorKind.Unsupported, $"entry '{h.Name}' has tar type '{(char)h.TypeFlag}', which layers may not use");
        }
    }

    /// <summary>Sets directory mtimes last: creating their entries changed them.</summary>
    public void Complete()
    {
        foreach ((string path, long seconds, uint ns) in _dirTimes) Interop.LayerFiles.SetTimes(path, seconds, ns);
    }

    private string Join(string realDir, string name) => realDir.Length == 0 ? _root + "/" + name : _root + "/" + realDir + "/" + name;

    private string Relative(string fullPath) => fullPath.Length > _root.Length ? fullPath[(_root.Length + 1)..] : "";

    private static DrydockException Escapes(string name) => new(ErrorKind.DataCorrupted, $"entry '{name}' escapes the target directory");
}

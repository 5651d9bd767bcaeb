using Drydock.Core;

namespace Drydock.Containers.Rootfs;

/// <summary>
/// Reads files of a container's root filesystem without mounting it, from the directories its root mounts
/// name: the source of a bind mount, or an overlay's upperdir then lowerdirs, top-most first. Used for the
/// lookups docker does before a container starts (/etc/passwd, /etc/group, the command on $PATH). Symlinks
/// are followed inside the root, never out of it, and overlay whiteouts hide what lies below them.
/// </summary>
internal sealed class RootfsFiles
{
    private const int MaxSymlinks = 40;
    private readonly IReadOnlyList<string> _layers;

    public RootfsFiles(IReadOnlyList<string> layers) => _layers = layers;

    public static RootfsFiles FromMounts(IReadOnlyList<Mount> mounts)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        if (mounts.Count != 1)
            throw new DrydockException(ErrorKind.Unsupported, $"a root filesystem of {mounts.Count} mounts is not supported");
        Mount m = mounts[0];
        if (m.Type == "bind") return new RootfsFiles([m.Source]);
        if (m.Type == "overlay")
        {
            var layers = new List<string>();
            if (m.Option("upperdir") is { } upper) layers.Add(upper);
            if (m.Option("lowerdir") is { } lower) layers.AddRange(lower.Split(':'));
            return new RootfsFiles(layers);
        }
        throw new DrydockException(ErrorKind.Unsupported, $"a root filesystem on a '{m.Type}' mount is not supported");
    }

    /// <summary>The host path of the regular file (or directory) at <paramref name="path"/> inside the root, or null.</summary>
    public string? Resolve(string path)
    {
        string current = "";
        var pending = new Stack<string>(Components(path).Reverse());
        int links = 0;
        while (pending.TryPop(out string? component))
        {
            if (component == "..")
            {
                current = current.Length == 0 ? "" : current[..current.LastIndexOf('/')];
                continue;
            }
            string candidate = current + "/" + component;
            if (Lookup(candidate) is not { } hostPath) return null;
            string? target = LinkTarget(hostPath);
            if (target is null)
            {
                current = candidate;
                continue;
            }
            if (++links > MaxSymlinks) return null;
            if (target.StartsWith('/')) current = "";
            foreach (string c in Components(target).Reverse()) pending.Push(c);
        }
        return current.Length == 0 ? _layers.FirstOrDefault(Directory.Exists) : Lookup(current);
    }

    /// <summary>
    /// The text of a small file such as /etc/passwd, or null. Read synchronously: a file of a few KiB costs less
    /// than the thread-pool hop of an asynchronous read, and this runs on the start path of every container.
    /// </summary>
    public string? TryReadAllText(string path)
        => Resolve(path) is { } hostPath && File.Exists(hostPath) ? File.ReadAllText(hostPath) : null;

    // the top-most layer that has an entry at this path; null when none has or the top-most is a whiteout
    private string? Lookup(string path)
    {
        foreach (string layer in _layers)
        {
            string hostPath = layer + path;
            if (Directory.Exists(hostPath) || LinkTarget(hostPath) is not null) return hostPath;
            if (File.Exists(hostPath)) return IsWhiteout(hostPath) ? null : hostPath;
        }
        return null;
    }

    private static string? LinkTarget(string hostPath)
    {
        try
        {
            return new FileInfo(hostPath).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    // overlayfs marks a deleted file with a 0:0 character device, which cannot be opened (ENXIO)
    private static bool IsWhiteout(string hostPath)
    {
        if (new FileInfo(hostPath).Length != 0) return false;
        try
        {
            using FileStream s = new(hostPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static IEnumerable<string> Components(string path)
        => path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(c => c != ".");
}

using System.Globalization;
using Drydock.Core;
using Drydock.Runtime.Oci;

namespace Drydock.Runtime.Linux.Cgroups;

/// <summary>
/// One container's cgroup directories (one per hierarchy it needs), created with the limits written before
/// the process joins, and removed after it exits. <see cref="Directories"/> is recorded in the state dir so a
/// later start can remove what a crash left behind.
/// </summary>
internal sealed class CgroupSet
{
    private CgroupSet(IReadOnlyList<string> directories) => Directories = directories;

    public IReadOnlyList<string> Directories { get; }

    public IEnumerable<string> ProcsFiles => Directories.Select(d => Path.Combine(d, "cgroup.procs"));

    public static CgroupSet Empty { get; } = new([]);

    /// <summary>
    /// The cgroup for <paramref name="resources"/>: none when no limit is asked for and no path was given.
    /// An absolute <paramref name="cgroupsPath"/> is from the hierarchy's root, a relative one from the caller's own cgroup.
    /// </summary>
    public static CgroupSet Create(CgroupHost host, string id, string? cgroupsPath, OciResources? resources)
    {
        CgroupLimits limits = CgroupLimits.From(resources, host);
        if (limits.IsEmpty && string.IsNullOrEmpty(cgroupsPath)) return Empty;
        if (cgroupsPath?.Contains(':', StringComparison.Ordinal) == true)
            throw new DrydockException(ErrorKind.Unsupported, $"cgroupsPath '{cgroupsPath}' is in systemd's slice:prefix:name form, which Drydock does not support");
        string relative = string.IsNullOrEmpty(cgroupsPath) ? "/drydock/" + id : cgroupsPath;
        var created = new List<string>();
        try
        {
            foreach ((string hierarchy, string dir, IReadOnlyList<(string File, string Value)> files) in limits.Placements(host, relative))
            {
                if (hierarchy == host.UnifiedMount) EnableControllers(hierarchy, dir, limits.UnifiedControllers);
                Directory.CreateDirectory(dir);
                created.Add(dir);
                foreach ((string file, string value) in files) Write(Path.Combine(dir, file), value);
            }
            return new CgroupSet(created);
        }
        catch
        {
            new CgroupSet(created).Remove();
            throw;
        }
    }

    // cgroup v2 only lets a child use a controller its parent lists in cgroup.subtree_control
    private static void EnableControllers(string mount, string dir, IReadOnlyList<string> controllers)
    {
        if (controllers.Count == 0) return;
        string text = string.Join(' ', controllers.Select(c => "+" + c));
        var chain = new List<string>();
        for (string? p = Path.GetDirectoryName(dir); p is not null && p.Length >= mount.Length; p = Path.GetDirectoryName(p)) chain.Insert(0, p);
        foreach (string p in chain)
        {
            Directory.CreateDirectory(p);
            Write(Path.Combine(p, "cgroup.subtree_control"), text);
        }
    }

    private static void Write(string path, string value)
    {
        try
        {
            File.WriteAllText(path, value);
        }
        catch (IOException e)
        {
            throw new DrydockException(ErrorKind.FailedPrecondition, $"failed to write '{value}' to cgroup file '{path}'", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DrydockException(ErrorKind.PermissionDenied, $"failed to write '{value}' to cgroup file '{path}'", e);
        }
    }

    /// <summary>Removes the directories; a cgroup still busy right after its last process exits is retried briefly.</summary>
    public bool Remove()
    {
        bool all = true;
        foreach (string dir in Directories.Reverse()) all &= TryRemove(dir);
        return all;
    }

    public static bool TryRemove(string dir)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                Directory.Delete(dir);   // rmdir: a cgroup directory's files are not real files
                return true;
            }
            catch (DirectoryNotFoundException)
            {
                return true;
            }
            catch (IOException)
            {
                Thread.Sleep(2);
            }
        }
        return false;
    }

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

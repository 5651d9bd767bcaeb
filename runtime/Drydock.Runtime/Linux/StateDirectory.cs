using System.Globalization;
using Drydock.Core;
using Drydock.Runtime.Linux.Cgroups;

namespace Drydock.Runtime.Linux;

/// <summary>
/// A container's directory under the runtime's state root: the root filesystem's mount point (mounted only in
/// the container's mount namespace, so it vanishes with it), the cgroups it made, and the pids that own it.
/// A directory whose pids are all dead is a crash's leftover: <see cref="RemoveLeftovers"/> removes it and its cgroups.
/// </summary>
internal sealed class StateDirectory
{
    private StateDirectory(string path) => Path = path;

    public string Path { get; }

    public string RootfsDir => System.IO.Path.Combine(Path, "rootfs");

    public static StateDirectory Create(string stateRoot, string id)
    {
        string path = System.IO.Path.Combine(stateRoot, id);
        Directory.CreateDirectory(stateRoot);
        try
        {
            Directory.CreateDirectory(path + ".creating");
            Directory.Move(path + ".creating", path);
        }
        catch (IOException) when (Directory.Exists(path))
        {
            throw new Core.DrydockException(Core.ErrorKind.AlreadyExists, $"container '{id}' already exists in '{stateRoot}'");
        }
        var dir = new StateDirectory(path);
        Directory.CreateDirectory(dir.RootfsDir);
        dir.AddOwner(Environment.ProcessId);
        return dir;
    }

    /// <summary>An existing container's directory, or null.</summary>
    public static StateDirectory? TryOpen(string stateRoot, string id)
    {
        string path = System.IO.Path.Combine(stateRoot, id);
        return Directory.Exists(path) ? new StateDirectory(path) : null;
    }

    public static IEnumerable<string> Ids(string stateRoot)
        => Directory.Exists(stateRoot)
            ? Directory.EnumerateDirectories(stateRoot).Select(d => System.IO.Path.GetFileName(d)).Where(n => !n.EndsWith(".creating", StringComparison.Ordinal))
            : [];

    public string Bundle => TryRead("bundle") ?? "";

    public DateTime Created => Directory.GetCreationTimeUtc(Path);

    /// <summary>The container process's pid while it is alive (the pid file names its start time), else 0.</summary>
    public int LivePid
    {
        get
        {
            string[]? f = TryRead("pid")?.Split(' ');
            return f is [string pid, string start] && int.TryParse(pid, CultureInfo.InvariantCulture, out int p) && start.Length > 0 && StartTime(p) == start ? p : 0;
        }
    }

    /// <summary>runtime-spec status: created (blocked on the exec fifo), running, stopped; creating before the process exists.</summary>
    public string Status
    {
        get
        {
            if (TryRead("pid") is null) return "creating";
            int pid = LivePid;
            if (pid == 0) return "stopped";
            if (File.Exists(ExecFifoPath)) return "created";
            // a zombie waiting for drydock-init to reap it has exited already
            try
            {
                string stat = File.ReadAllText($"/proc/{pid}/stat");
                return stat[(stat.LastIndexOf(')') + 2)] == 'Z' ? "stopped" : "running";
            }
            catch (IOException)
            {
                return "stopped";
            }
        }
    }

    /// <summary>Removes the container's cgroups and its directory (`delete`).</summary>
    public bool RemoveWithCgroups()
    {
        bool ok = true;
        if (TryRead("cgroups") is { } cgroups)
            foreach (string cg in cgroups.Split('\n', StringSplitOptions.RemoveEmptyEntries).Reverse()) ok &= CgroupSet.TryRemove(cg);
        Remove();
        return ok;
    }

    private string? TryRead(string name)
    {
        try
        {
            return File.ReadAllText(System.IO.Path.Combine(Path, name)).Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void AddOwner(int pid)
        => File.AppendAllText(System.IO.Path.Combine(Path, "pids"), $"{pid} {StartTime(pid)}\n");

    /// <summary>A detached container's directory stays after it exits, until `drydock-runtime delete`.</summary>
    public bool IsDetached => File.Exists(System.IO.Path.Combine(Path, "detached"));

    public void MarkDetached() => File.WriteAllText(System.IO.Path.Combine(Path, "detached"), "");

    public void RecordBundle(string bundle) => File.WriteAllText(System.IO.Path.Combine(Path, "bundle"), bundle);

    public string ExecFifoPath => System.IO.Path.Combine(Path, "exec.fifo");

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public string CreateExecFifo()
    {
        // 0622 as runc's: the process may have dropped to another user before it opens the fifo to write
        Interop.ThrowIfError(Interop.Libc.mkfifo(ExecFifoPath, 0x192), "mkfifo", ExecFifoPath);
        File.SetUnixFileMode(ExecFifoPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        return ExecFifoPath;
    }

    /// <summary>Written whole and renamed into place: `state` and the owner's watchers read it while it appears.</summary>
    public void RecordPid(int pid)
    {
        string file = System.IO.Path.Combine(Path, "pid");
        File.WriteAllText(file + ".tmp", $"{pid} {StartTime(pid)}");
        File.Move(file + ".tmp", file, overwrite: true);
    }

    public void RecordCgroups(CgroupSet cgroups)
        => File.WriteAllLines(System.IO.Path.Combine(Path, "cgroups"), cgroups.Directories);

    public void Remove()
    {
        try
        {
            DirectoryTree.Delete(Path);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Removes the directories (and cgroups) of containers whose owners are all gone.</summary>
    public static void RemoveLeftovers(string stateRoot)
    {
        if (!Directory.Exists(stateRoot)) return;
        foreach (string dir in Directory.EnumerateDirectories(stateRoot))
        {
            string pids = System.IO.Path.Combine(dir, "pids");
            if (!File.Exists(pids) || File.Exists(System.IO.Path.Combine(dir, "detached")) || AnyAlive(File.ReadAllLines(pids))) continue;
            string cgroups = System.IO.Path.Combine(dir, "cgroups");
            if (File.Exists(cgroups))
                foreach (string cg in File.ReadAllLines(cgroups).Reverse()) CgroupSet.TryRemove(cg);
            new StateDirectory(dir).Remove();
        }
    }

    private static bool AnyAlive(IEnumerable<string> lines)
    {
        foreach (string line in lines)
        {
            string[] f = line.Split(' ');
            if (f.Length == 2 && int.TryParse(f[0], CultureInfo.InvariantCulture, out int pid) && StartTime(pid) == f[1] && f[1].Length > 0) return true;
        }
        return false;
    }

    /// <summary>Field 22 of /proc/PID/stat: with the pid it names one process, even after the pid is reused.</summary>
    internal static string StartTime(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] after = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return after[19];
        }
        catch (IOException)
        {
            return "";
        }
    }
}

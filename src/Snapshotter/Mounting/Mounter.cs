using System.Runtime.InteropServices;
using Drydock.Core;

namespace Drydock.Snapshotter.Mounting;

/// <summary>
/// Performs a snapshotter's mounts on a host directory (the solver's file ops, the differ), as containerd's
/// mount.All does: bind (recursive with rbind; read-only by a bind remount, as mount(2) requires), overlay and
/// tmpfs. Several mounts stack on the target in order. An overlay whose options do not fit mount(2)'s one page
/// is made with the new mount API, one "lowerdir+" per layer (Linux 6.8).
/// <code>
/// await Mounter.MountAsync(mounts, "/var/lib/drydock/tmp/mnt-1", ct);
/// try { /* read or write the tree */ } finally { await Mounter.UnmountAsync("/var/lib/drydock/tmp/mnt-1", ct); }
/// </code>
/// </summary>
public static class Mounter
{
    /// <summary>mount(2) copies at most one page of data; the kernel rejects (or truncates) more.</summary>
    internal const int MaxDataLength = 4095;

    public static ValueTask MountAsync(IReadOnlyList<Mount> mounts, string target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mounts);
        ArgumentException.ThrowIfNullOrEmpty(target);
        cancellationToken.ThrowIfCancellationRequested();
        int done = 0;
        try
        {
            for (; done < mounts.Count; done++) Mount(mounts[done], target);
        }
        catch
        {
            for (; done > 0; done--) Unmount(target);
            throw;
        }
        return ValueTask.CompletedTask;
    }

    public static ValueTask UnmountAsync(string target, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        cancellationToken.ThrowIfCancellationRequested();
        Unmount(target);
        return ValueTask.CompletedTask;
    }

    internal static void Mount(Mount m, string target)
    {
        MountFlags o = MountFlags.Parse(m.Type, m.Options);
        if (o.Bind) MountBind(m, o, target);
        else if (m.Type == "overlay" && o.DataString.Length > MaxDataLength) NewMountApi.MountOverlay(o, target);
        else Check(Interop.Libc.mount(m.Source, target, m.Type, o.Flags, o.Data.Count == 0 ? null : o.DataString), m.Type, target);
    }

    private static void MountBind(Mount m, MountFlags o, string target)
    {
        ulong bind = Interop.Libc.MS_BIND | (o.Recursive ? Interop.Libc.MS_REC : 0);
        Check(Interop.Libc.mount(m.Source, target, null, bind, null), "bind", target);
        if (o.Flags == 0) return;
        // MS_RDONLY and friends are ignored on the first bind call; they take effect on a remount of the bind
        int r = Interop.Libc.mount(null, target, null, Interop.Libc.MS_BIND | Interop.Libc.MS_REMOUNT | o.Flags, null);
        if (r != -1) return;
        int errno = Marshal.GetLastPInvokeError();
        Interop.Libc.umount2(target, Interop.Libc.MNT_DETACH);
        throw new UnixIOException("failed to remount bind read-only on", target, errno);
    }

    /// <summary>umount2(2); a busy mount is detached lazily; a target that is not mounted is left as it is.</summary>
    internal static void Unmount(string target)
    {
        if (Interop.Libc.umount2(target, 0) == 0) return;
        int errno = Marshal.GetLastPInvokeError();
        if (errno == Interop.Libc.EBUSY && Interop.Libc.umount2(target, Interop.Libc.MNT_DETACH) == 0) return;
        if (errno == Interop.Libc.EINVAL) return;
        throw new UnixIOException("failed to unmount", target, errno == Interop.Libc.EBUSY ? Marshal.GetLastPInvokeError() : errno);
    }

    internal static void Check(int result, string type, string target)
    {
        if (result != -1) return;
        throw new UnixIOException($"failed to mount {type} on", target, Marshal.GetLastPInvokeError());
    }
}

using System.Runtime.InteropServices;
using Drydock.Core;

namespace Drydock.Snapshotter.Mounting;

/// <summary>
/// An overlay made with fsopen/fsconfig/fsmount/move_mount, where every option is its own string: a chain of
/// any depth (up to overlayfs's 500 lowers) fits, since "lowerdir+" appends one layer per call (Linux 6.8).
/// https://docs.kernel.org/filesystems/overlayfs.html#multiple-lower-layers
/// </summary>
internal static class NewMountApi
{
    public static void MountOverlay(MountFlags o, string target)
    {
        int fs = Interop.Libc.fsopen("overlay", Interop.Libc.FSOPEN_CLOEXEC);
        Mounter.Check(fs, "overlay", target);
        try
        {
            foreach (string option in o.Data) Configure(fs, option, target);
            Configure(fs, Interop.Libc.FSCONFIG_CMD_CREATE, null, null, target);
            int mnt = Interop.Libc.fsmount(fs, Interop.Libc.FSMOUNT_CLOEXEC, o.ReadOnly ? Interop.Libc.MOUNT_ATTR_RDONLY : 0);
            Mounter.Check(mnt, "overlay", target);
            try
            {
                Mounter.Check(Interop.Libc.move_mount(mnt, "", Interop.Libc.AT_FDCWD, target, Interop.Libc.MOVE_MOUNT_F_EMPTY_PATH), "overlay", target);
            }
            finally
            {
                Interop.Libc.CloseMountFd(mnt);
            }
        }
        finally
        {
            Interop.Libc.CloseMountFd(fs);
        }
    }

    private static void Configure(int fs, string option, string target)
    {
        int eq = option.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            Configure(fs, Interop.Libc.FSCONFIG_SET_FLAG, option, null, target);
            return;
        }
        string key = option[..eq], value = option[(eq + 1)..];
        if (key != "lowerdir")
        {
            Configure(fs, Interop.Libc.FSCONFIG_SET_STRING, key, value, target);
            return;
        }
        // "lowerdir+" takes one unescaped path per call, top-most first as lowerdir does
        foreach (string lower in value.Split(':', StringSplitOptions.RemoveEmptyEntries))
            Configure(fs, Interop.Libc.FSCONFIG_SET_STRING, "lowerdir+", lower, target);
    }

    private static void Configure(int fs, uint command, string? key, string? value, string target)
    {
        if (Interop.Libc.fsconfig(fs, command, key, value, 0) != -1) return;
        int errno = Marshal.GetLastPInvokeError();
        string what = key is null ? "create" : value is null ? key : $"{key}={value}";
        throw new UnixIOException($"failed to mount overlay ({what}) on", target, errno);
    }
}

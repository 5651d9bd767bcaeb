namespace Drydock.Snapshotter.Mounting;

/// <summary>
/// A mount's options split the way mount(8) splits them: flag words become MS_* bits, everything else is the
/// filesystem's data string. mount(2): https://man7.org/linux/man-pages/man2/mount.2.html
/// </summary>
internal sealed record MountFlags(ulong Flags, bool Bind, bool Recursive, IReadOnlyList<string> Data)
{
    public string DataString => string.Join(',', Data);

    public bool ReadOnly => (Flags & Interop.Libc.MS_RDONLY) != 0;

    public static MountFlags Parse(string type, IEnumerable<string> options)
    {
        ulong flags = 0;
        bool bind = type == "bind", recursive = false;
        var data = new List<string>();
        foreach (string o in options)
        {
            switch (o)
            {
                case "bind": bind = true; break;
                case "rbind": bind = true; recursive = true; break;
                case "ro": flags |= Interop.Libc.MS_RDONLY; break;
                case "rw": flags &= ~Interop.Libc.MS_RDONLY; break;
                case "nosuid": flags |= Interop.Libc.MS_NOSUID; break;
                case "suid": flags &= ~Interop.Libc.MS_NOSUID; break;
                case "nodev": flags |= Interop.Libc.MS_NODEV; break;
                case "dev": flags &= ~Interop.Libc.MS_NODEV; break;
                case "noexec": flags |= Interop.Libc.MS_NOEXEC; break;
                case "exec": flags &= ~Interop.Libc.MS_NOEXEC; break;
                case "sync": flags |= Interop.Libc.MS_SYNCHRONOUS; break;
                case "async": flags &= ~Interop.Libc.MS_SYNCHRONOUS; break;
                case "noatime": flags |= Interop.Libc.MS_NOATIME; break;
                case "nodiratime": flags |= Interop.Libc.MS_NODIRATIME; break;
                case "relatime": flags |= Interop.Libc.MS_RELATIME; break;
                case "strictatime": flags |= Interop.Libc.MS_STRICTATIME; break;
                case "defaults" or "atime" or "diratime": break;
                default: data.Add(o); break;
            }
        }
        return new MountFlags(flags, bind, recursive, data);
    }
}

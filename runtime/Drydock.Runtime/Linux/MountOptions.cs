using Drydock.Core;

namespace Drydock.Runtime.Linux;

/// <summary>mount(8) option words split into mount(2) flags, propagation flags and filesystem data, as runc parses them.</summary>
internal readonly record struct MountOptions(ulong Flags, ulong Propagation, string Data, bool Bind)
{
    public const ulong MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_SYNCHRONOUS = 16, MS_REMOUNT = 32,
        MS_MANDLOCK = 64, MS_DIRSYNC = 128, MS_NOATIME = 1024, MS_NODIRATIME = 2048, MS_BIND = 4096, MS_REC = 16384,
        MS_UNBINDABLE = 1 << 17, MS_PRIVATE = 1 << 18, MS_SLAVE = 1 << 19, MS_SHARED = 1 << 20, MS_RELATIME = 1 << 21,
        MS_STRICTATIME = 1 << 24;

    // switches rather than dictionaries: no generic instantiation to JIT on the runtime CLI's start path
    private static (bool Clear, ulong Flag)? FlagOf(string option) => option switch
    {
        "ro" => (false, MS_RDONLY), "rw" => (true, MS_RDONLY), "nosuid" => (false, MS_NOSUID), "suid" => (true, MS_NOSUID),
        "nodev" => (false, MS_NODEV), "dev" => (true, MS_NODEV), "noexec" => (false, MS_NOEXEC), "exec" => (true, MS_NOEXEC),
        "sync" => (false, MS_SYNCHRONOUS), "async" => (true, MS_SYNCHRONOUS), "dirsync" => (false, MS_DIRSYNC),
        "remount" => (false, MS_REMOUNT), "mand" => (false, MS_MANDLOCK), "nomand" => (true, MS_MANDLOCK),
        "noatime" => (false, MS_NOATIME), "atime" => (true, MS_NOATIME), "nodiratime" => (false, MS_NODIRATIME),
        "diratime" => (true, MS_NODIRATIME), "bind" => (false, MS_BIND), "rbind" => (false, MS_BIND | MS_REC),
        "relatime" => (false, MS_RELATIME), "norelatime" => (true, MS_RELATIME), "strictatime" => (false, MS_STRICTATIME),
        "nostrictatime" => (true, MS_STRICTATIME), "defaults" => (false, 0),
        _ => null,
    };

    private static ulong PropagationOf(string option) => option switch
    {
        "private" => MS_PRIVATE, "rprivate" => MS_PRIVATE | MS_REC, "shared" => MS_SHARED, "rshared" => MS_SHARED | MS_REC,
        "slave" => MS_SLAVE, "rslave" => MS_SLAVE | MS_REC, "unbindable" => MS_UNBINDABLE, "runbindable" => MS_UNBINDABLE | MS_REC,
        _ => 0,
    };

    public static MountOptions Parse(string? type, IEnumerable<string>? options, string destination)
    {
        ulong flags = 0, propagation = 0;
        var data = new List<string>();
        foreach (string o in options ?? [])
        {
            if (FlagOf(o) is { } f)
                flags = f.Clear ? flags & ~f.Flag : flags | f.Flag;
            else if (PropagationOf(o) is var p and not 0)
                propagation |= p;
            else if (o is "tmpcopyup" or "idmap" or "ridmap" || o.StartsWith("X-", StringComparison.Ordinal))
                throw new DrydockException(ErrorKind.Unsupported, $"mount option '{o}' of '{destination}' is not supported");
            else
                data.Add(o);
        }
        bool bind = type is "bind" || (flags & MS_BIND) != 0;
        if (bind) flags |= MS_BIND;
        return new MountOptions(flags, propagation, string.Join(',', data), bind);
    }

    /// <summary>The flag for linux.rootfsPropagation; runc's default is rslave.</summary>
    public static ulong RootPropagation(string? value) => value switch
    {
        null or "" => MS_SLAVE | MS_REC,
        _ when PropagationOf(value) is var p and not 0 => p | MS_REC,
        _ => throw new DrydockException(ErrorKind.InvalidArgument, $"unknown rootfsPropagation '{value}'"),
    };
}

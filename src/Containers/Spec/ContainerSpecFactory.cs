using Drydock.Containers.Rootfs;
using Drydock.Core;
using Drydock.Core.Oci;
using Drydock.Runtime;

namespace Drydock.Containers.Spec;

/// <summary>
/// Turns an image's config and `drydock run`'s flags into a <see cref="ContainerSpec"/>, with docker's rules:
/// --entrypoint replaces Entrypoint and resets Cmd, arguments replace Cmd, Env merges, -w replaces WorkingDir,
/// -u replaces User, and the user is resolved through the image's /etc/passwd and /etc/group.
/// </summary>
internal static class ContainerSpecFactory
{
    public static async ValueTask<ContainerSpec> BuildAsync(string id, ContainerConfig? image, RunOptions options,
        IReadOnlyList<Mount> rootMounts, Func<string, string?> callerEnv, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyList<string> args = Args(image, options);
        string hostname = options.Hostname ?? (options.Network == NetworkMode.Host ? Environment.MachineName : id[..12]);
        string workingDir = WorkingDir(image, options);

        var env = new EnvBuilder();
        env.Set(EnvBuilder.DefaultPath);
        env.Set("HOSTNAME=" + hostname);
        if (options.Tty) env.Set("TERM=xterm");
        foreach (string e in image?.Env ?? []) env.Set(e);
        foreach (string file in options.EnvFiles)
            foreach (string e in await EnvBuilder.ReadEnvFileAsync(file, cancellationToken).ConfigureAwait(false)) env.SetFromCaller(e, callerEnv);
        foreach (string e in options.Env) env.SetFromCaller(e, callerEnv);

        RootfsFiles rootfs = RootfsFiles.FromMounts(rootMounts);
        ExecUser user = ResolveUser(rootfs, options.User ?? image?.User);
        if (!env.Has("HOME")) env.Set("HOME=" + user.Home);
        CommandResolver.Check(rootfs, args[0], env.Get("PATH"), workingDir);

        return new ContainerSpec
        {
            Id = id,
            RootMounts = rootMounts,
            ReadOnlyRoot = options.ReadOnly,
            Hostname = hostname,
            Network = options.Network,
            Mounts = [.. options.Volumes.Select(BindMount), .. options.Tmpfs.Select(TmpfsMount)],
            Resources = new ResourceLimits { MemoryBytes = options.MemoryBytes, PidsLimit = options.PidsLimit, Cpus = options.Cpus },
            Privileged = options.Privileged,
            Init = options.Init,
            Process = new ProcessSpec
            {
                Args = args,
                Env = env.Values.ToArray(),
                Cwd = workingDir,
                Uid = user.Uid,
                Gid = user.Gid,
                AdditionalGids = user.AdditionalGids,
                Terminal = options.Tty,
                Capabilities = options.Privileged ? null : Capabilities.Apply(options.CapAdd, options.CapDrop),
            },
        };
    }

    internal static IReadOnlyList<string> Args(ContainerConfig? image, RunOptions options)
    {
        IReadOnlyList<string> entrypoint = options.Entrypoint switch
        {
            null => image?.Entrypoint ?? [],
            "" => [],
            string e => [e],
        };
        IReadOnlyList<string> cmd = options.Command.Count > 0 ? options.Command
            : options.Entrypoint is not null ? [] : image?.Cmd ?? [];
        IReadOnlyList<string> args = [.. entrypoint, .. cmd];
        if (args.Count == 0)
            throw new ContainerExitException(ErrorKind.InvalidArgument, "No command specified", ContainerExitException.DrydockFailed);
        return args;
    }

    private static string WorkingDir(ContainerConfig? image, RunOptions options)
    {
        string dir = options.WorkingDir ?? (string.IsNullOrEmpty(image?.WorkingDir) ? "/" : image.WorkingDir);
        if (!dir.StartsWith('/'))
            throw new ContainerExitException(ErrorKind.InvalidArgument,
                $"the working directory '{dir}' is invalid, it needs to be an absolute path", ContainerExitException.DrydockFailed);
        return dir;
    }

    private static ExecUser ResolveUser(RootfsFiles rootfs, string? user)
    {
        string? passwd = rootfs.TryReadAllText("/etc/passwd");
        string? group = rootfs.TryReadAllText("/etc/group");
        try
        {
            return UserResolver.Resolve(user, passwd, group);
        }
        catch (DrydockException e)
        {
            throw new ContainerExitException(e.Kind, e.Message, ContainerExitException.DrydockFailed);
        }
    }

    // -v SRC:DST[:ro|rw]: only host paths; named volumes need a volume store Drydock does not have
    internal static ContainerMount BindMount(string spec)
    {
        string[] parts = spec.Split(':');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || parts[1].Length == 0)
            throw Invalid($"invalid volume specification: '{spec}': use SRC:DST[:ro]");
        if (!parts[0].StartsWith('/'))
            throw new ContainerExitException(ErrorKind.Unsupported,
                $"invalid volume specification: '{spec}': named volumes are not supported, give an absolute host path", ContainerExitException.DrydockFailed);
        if (!parts[1].StartsWith('/')) throw Invalid($"invalid volume specification: '{spec}': mount path must be absolute");
        bool readOnly = false;
        if (parts.Length == 3)
        {
            foreach (string o in parts[2].Split(','))
            {
                if (o == "ro") readOnly = true;
                else if (o != "rw") throw Invalid($"invalid volume specification: '{spec}': unsupported mode '{o}' (ro or rw)");
            }
        }
        // docker creates a missing host directory for -v
        if (!File.Exists(parts[0])) Directory.CreateDirectory(parts[0]);
        return new ContainerMount(parts[1], Mount.Bind(Path.GetFullPath(parts[0]), readOnly));
    }

    // --tmpfs DST[:OPTIONS], with docker's defaults noexec,nosuid,nodev before the user's options
    internal static ContainerMount TmpfsMount(string spec)
    {
        int colon = spec.IndexOf(':');
        string target = colon < 0 ? spec : spec[..colon];
        if (!target.StartsWith('/')) throw Invalid($"invalid tmpfs specification: '{spec}': mount path must be absolute");
        string[] extra = colon < 0 ? [] : spec[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries);
        return new ContainerMount(target, new Mount("tmpfs", "tmpfs", ["noexec", "nosuid", "nodev", .. extra]));
    }

    private static ContainerExitException Invalid(string message)
        => new(ErrorKind.InvalidArgument, message, ContainerExitException.DrydockFailed);
}

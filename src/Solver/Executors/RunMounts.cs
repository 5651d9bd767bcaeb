using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Drydock.Core;
using Drydock.Core.Locking;
using Drydock.Runtime;
using Drydock.Solver.Cache;
using Drydock.Solver.Ops;

namespace Drydock.Solver.Executors;

/// <summary>
/// Turns RUN --mount specs into container mounts for one step, and undoes what it set up afterwards:
/// cache mounts are persistent directories under cache/mounts (sharing=shared binds the same directory,
/// locked waits for it, private takes a fresh one when it is busy); secrets are files on a private tmpfs
/// directory removed when the step ends; tmpfs mounts are tmpfs; bind mounts are read-only views of a context,
/// stage or image (rw gives a throw-away overlay).
/// </summary>
internal sealed class RunMounts(BuildServices services, BuildInputs inputs) : IAsyncDisposable
{
    private readonly List<Func<ValueTask>> _cleanup = [];

    public List<ContainerMount> Mounts { get; } = [];

    public List<string> Env { get; } = [];

    public async ValueTask AddAsync(RunMount m, IReadOnlyList<SnapshotRef> snapshots, CancellationToken ct)
    {
        switch (m.Type)
        {
            case "cache": await AddCacheAsync(m, snapshots, ct).ConfigureAwait(false); break;
            case "secret": await AddSecretAsync(m, ct).ConfigureAwait(false); break;
            case "tmpfs": Mounts.Add(new ContainerMount(m.Target, new Mount("tmpfs", "tmpfs", m.Size is { } size ? ["size=" + size.ToString(CultureInfo.InvariantCulture)] : []))); break;
            case "bind": await AddBindAsync(m, snapshots, ct).ConfigureAwait(false); break;
            case "heredoc": await AddHeredocAsync(m, ct).ConfigureAwait(false); break;
            default: throw new DrydockException(ErrorKind.Unsupported, $"RUN --mount type={m.Type} is not supported");
        }
    }

    private async ValueTask AddCacheAsync(RunMount m, IReadOnlyList<SnapshotRef> snapshots, CancellationToken ct)
    {
        string id = m.CacheId ?? m.Target;
        string dir = Path.Combine(services.Root.Cache, "mounts", Digest.Sha256(Encoding.UTF8.GetBytes(id)).Encoded[..32]);
        Directory.CreateDirectory(Path.GetDirectoryName(dir)!);
        string sharing = m.Sharing ?? "shared";
        if (sharing == "locked")
        {
            FileLock held = await FileLock.AcquireAsync(dir + ".lock", ct).ConfigureAwait(false);
            _cleanup.Add(() => { held.Dispose(); return ValueTask.CompletedTask; });
        }
        else if (sharing == "private")
        {
            if (FileLock.TryAcquire(dir + ".lock") is { } held) _cleanup.Add(() => { held.Dispose(); return ValueTask.CompletedTask; });
            else
            {
                dir = Path.Combine(services.Root.Tmp, "cache-private-" + Guid.NewGuid().ToString("N")[..16]);
                string fresh = dir;
                _cleanup.Add(() => { Directory.Delete(fresh, recursive: true); return ValueTask.CompletedTask; });
            }
        }
        else if (sharing != "shared")
        {
            throw new DrydockException(ErrorKind.InvalidArgument, $"invalid cache mount sharing '{sharing}': expected shared, private or locked");
        }
        if (!Directory.Exists(dir))
        {
            string tmp = dir + ".new-" + Guid.NewGuid().ToString("N")[..8];
            Directory.CreateDirectory(tmp);
            if (m.Input is { } input && !snapshots[input].IsEmpty)
                await SeedFromAsync(snapshots[input], m.Source, tmp, ct).ConfigureAwait(false);
            File.SetUnixFileMode(tmp, ParseMode(m.Mode, 0b111_101_101));
            if (m.Uid is not null || m.Gid is not null) FileOwnership.Chown(tmp, m.Uid ?? 0, m.Gid ?? 0);
            try
            {
                Directory.Move(tmp, dir);
            }
            catch (IOException)
            {
                Directory.Delete(tmp, recursive: true); // another build created it first
            }
        }
        Mounts.Add(new ContainerMount(m.Target, Mount.Bind(dir, m.ReadOnly)));
    }

    private async ValueTask SeedFromAsync(SnapshotRef snapshot, string? source, string target, CancellationToken ct)
    {
        await WithViewAsync(snapshot, async root =>
        {
            string from = Path.Combine(root, (source ?? "").TrimStart('/'));
            await FileCopier.CopyTreeAsync(from, target, ct).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>A RUN heredoc with a #! line: the script as an executable file, bound read-only where the step runs it.</summary>
    private async ValueTask AddHeredocAsync(RunMount m, CancellationToken ct)
    {
        Directory.CreateDirectory(services.Root.Tmp);
        string file = Path.Combine(services.Root.Tmp, "heredoc-" + Guid.NewGuid().ToString("N")[..16]);
        await File.WriteAllTextAsync(file, m.Content, ct).ConfigureAwait(false);
        File.SetUnixFileMode(file, (UnixFileMode)0b111_101_101);
        _cleanup.Add(() => { File.Delete(file); return ValueTask.CompletedTask; });
        Mounts.Add(new ContainerMount(m.Target, Mount.Bind(file, readOnly: true)));
    }

    private async ValueTask AddSecretAsync(RunMount m, CancellationToken ct)
    {
        string id = m.SecretId ?? Path.GetFileName(m.Target.TrimEnd('/'));
        if (!inputs.Secrets.TryGetValue(id, out SecretSource? source))
        {
            if (m.Required) throw new DrydockException(ErrorKind.NotFound, $"secret '{id}' is required but was not given: pass --secret id={id},src=FILE");
            return;
        }
        byte[] value = await source.ReadAsync(ct).ConfigureAwait(false);
        if (m.Env is { } env && (m.Target.Length == 0))
        {
            Env.Add($"{env}={Encoding.UTF8.GetString(value)}");
            return;
        }
        if (m.Env is { } alsoEnv) Env.Add($"{alsoEnv}={Encoding.UTF8.GetString(value)}");
        // /dev/shm is a tmpfs: the secret never touches a disk and never lands in a snapshot
        string dir = Path.Combine("/dev/shm", "drydock-secret-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _cleanup.Add(() => { Directory.Delete(dir, recursive: true); return ValueTask.CompletedTask; });
        string file = Path.Combine(dir, "secret");
        await File.WriteAllBytesAsync(file, value, ct).ConfigureAwait(false);
        CryptographicOperations.ZeroMemory(value);
        File.SetUnixFileMode(file, ParseMode(m.Mode, 0b100_000_000));
        if (m.Uid is not null || m.Gid is not null) FileOwnership.Chown(file, m.Uid ?? 0, m.Gid ?? 0);
        string target = m.Target.Length > 0 ? m.Target : "/run/secrets/" + id;
        Mounts.Add(new ContainerMount(target, Mount.Bind(file, readOnly: true)));
    }

    private async ValueTask AddBindAsync(RunMount m, IReadOnlyList<SnapshotRef> snapshots, CancellationToken ct)
    {
        string sub = (m.Source ?? "").TrimStart('/');
        if (m.Input is { } input)
        {
            if (snapshots[input].IsEmpty) throw new DrydockException(ErrorKind.NotFound, $"RUN --mount source '{m.Source}' not found: the stage is empty");
            string key = "build-mount-" + Guid.NewGuid().ToString("N")[..16];
            IReadOnlyList<Mount> view = await services.Snapshotter.ViewAsync(key, snapshots[input].Name, cancellationToken: ct).ConfigureAwait(false);
            _cleanup.Add(() => SnapshotWork.RemoveQuietlyAsync(services, key));
            if (view is [{ Type: "bind" } only])
            {
                AddBindOf(Path.Combine(only.Source, sub), m);
                return;
            }
            string target = Path.Combine(services.Root.Tmp, key);
            Directory.CreateDirectory(target);
            await services.Mount(view, target, ct).ConfigureAwait(false);
            _cleanup.Insert(0, async () => { await services.Unmount(target, CancellationToken.None).ConfigureAwait(false); Directory.Delete(target); });
            AddBindOf(Path.Combine(target, sub), m);
            return;
        }
        LocalContext context = inputs.Context(m.Context ?? BuildInputs.MainContext);
        AddBindOf(Path.Combine(context.Directory, sub), m);
    }

    private void AddBindOf(string source, RunMount m)
    {
        if (!Path.Exists(source)) throw new DrydockException(ErrorKind.NotFound, $"RUN --mount source '{m.Source ?? "/"}' not found");
        if (m.ReadOnly || File.Exists(source))
        {
            Mounts.Add(new ContainerMount(m.Target, Mount.Bind(source, readOnly: m.ReadOnly)));
            return;
        }
        // rw: the step may write, and the writes are thrown away with this overlay's upper directory
        string scratch = Path.Combine(services.Root.Tmp, "bind-rw-" + Guid.NewGuid().ToString("N")[..16]);
        Directory.CreateDirectory(Path.Combine(scratch, "upper"));
        Directory.CreateDirectory(Path.Combine(scratch, "work"));
        _cleanup.Add(() => { Directory.Delete(scratch, recursive: true); return ValueTask.CompletedTask; });
        Mounts.Add(new ContainerMount(m.Target, Mount.Overlay([source], (Path.Combine(scratch, "upper"), Path.Combine(scratch, "work")))));
    }

    private async ValueTask WithViewAsync(SnapshotRef snapshot, Func<string, ValueTask> work, CancellationToken ct)
    {
        string key = "build-view-" + Guid.NewGuid().ToString("N")[..16];
        IReadOnlyList<Mount> view = await services.Snapshotter.ViewAsync(key, snapshot.Name, cancellationToken: ct).ConfigureAwait(false);
        try
        {
            await SnapshotWork.WithMountedAsync(services, view, work, ct, allowReadOnly: true).ConfigureAwait(false);
        }
        finally
        {
            await SnapshotWork.RemoveQuietlyAsync(services, key).ConfigureAwait(false);
        }
    }

    internal static UnixFileMode ParseMode(string? mode, int fallback)
        => (UnixFileMode)(mode is null ? fallback : Convert.ToInt32(mode, 8));

    public async ValueTask DisposeAsync()
    {
        foreach (Func<ValueTask> undo in _cleanup)
        {
            try
            {
                await undo().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DrydockException)
            {
                // leftovers under tmp/ are removed by the next prune
            }
        }
    }
}

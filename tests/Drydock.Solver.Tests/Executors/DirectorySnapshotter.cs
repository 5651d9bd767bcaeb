using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Drydock.Core;
using Drydock.Snapshotter;

namespace Drydock.Solver.Tests.Executors;

/// <summary>
/// The smallest snapshotter the executors need, to test them on their own: every snapshot is a directory,
/// an active one a `cp -a` copy of its parent, a view the parent itself read-only, handed out as bind mounts.
/// </summary>
internal sealed class DirectorySnapshotter(string root) : ISnapshotter
{
    private readonly ConcurrentDictionary<string, SnapshotInfo> _infos = new();

    public string PathOf(string keyOrName) => Path.Combine(root, keyOrName.Replace(':', '-'));

    /// <summary>Registers an existing directory as a committed snapshot (a base image's rootfs).</summary>
    public void AddCommitted(string name, string directory)
    {
        Directory.CreateDirectory(root);
        Directory.Move(directory, PathOf(name));
        _infos[name] = new SnapshotInfo(name, null, SnapshotKind.Committed, DateTimeOffset.UtcNow);
    }

    public async ValueTask<IReadOnlyList<Mount>> PrepareAsync(string key, string? parent, SnapshotOptions? options = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(root);
        if (parent is null) Directory.CreateDirectory(PathOf(key));
        else
        {
            using Process cp = Process.Start("cp", ["-a", PathOf(parent), PathOf(key)]);
            await cp.WaitForExitAsync(cancellationToken);
        }
        _infos[key] = new SnapshotInfo(key, parent, SnapshotKind.Active, DateTimeOffset.UtcNow);
        return [Mount.Bind(PathOf(key), readOnly: false)];
    }

    public ValueTask<IReadOnlyList<Mount>> ViewAsync(string key, string? parent, SnapshotOptions? options = null, CancellationToken cancellationToken = default)
    {
        _infos[key] = new SnapshotInfo(key, parent, SnapshotKind.View, DateTimeOffset.UtcNow);
        return ValueTask.FromResult<IReadOnlyList<Mount>>([Mount.Bind(PathOf(parent!), readOnly: true)]);
    }

    public ValueTask CommitAsync(string name, string key, SnapshotOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (_infos.ContainsKey(name)) throw new DrydockException(ErrorKind.AlreadyExists, $"snapshot '{name}' already exists");
        Directory.Move(PathOf(key), PathOf(name));
        _infos.TryRemove(key, out SnapshotInfo? active);
        _infos[name] = new SnapshotInfo(name, active?.Parent, SnapshotKind.Committed, DateTimeOffset.UtcNow);
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(string keyOrName, CancellationToken cancellationToken = default)
    {
        if (!_infos.TryRemove(keyOrName, out SnapshotInfo? info)) throw new DrydockException(ErrorKind.NotFound, $"snapshot '{keyOrName}' not found");
        if (info.Kind != SnapshotKind.View) Directory.Delete(PathOf(keyOrName), recursive: true);
        return ValueTask.CompletedTask;
    }

    public ValueTask<SnapshotInfo?> TryStatAsync(string keyOrName, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(_infos.GetValueOrDefault(keyOrName));

    public async ValueTask<SnapshotInfo> StatAsync(string keyOrName, CancellationToken cancellationToken = default)
        => await TryStatAsync(keyOrName, cancellationToken) ?? throw new DrydockException(ErrorKind.NotFound, $"snapshot '{keyOrName}' not found");

    public IEnumerable<SnapshotInfo> Actives => _infos.Values.Where(i => i.Kind != SnapshotKind.Committed);

    public async IAsyncEnumerable<SnapshotInfo> WalkAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        foreach (SnapshotInfo i in _infos.Values) yield return i;
    }

    public ValueTask<IReadOnlyList<Mount>> MountsAsync(string key, CancellationToken cancellationToken = default)
        => ValueTask.FromResult<IReadOnlyList<Mount>>([Mount.Bind(PathOf(key), readOnly: false)]);

    public ValueTask<SnapshotUsage> UsageAsync(string keyOrName, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(new SnapshotUsage(Directory.EnumerateFiles(PathOf(keyOrName), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length), 0));
}

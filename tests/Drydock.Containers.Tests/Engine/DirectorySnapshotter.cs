using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Snapshotter;

namespace Drydock.Containers.Tests.Engine;

/// <summary>
/// The smallest snapshotter the engine needs, for testing the engine on its own: a committed snapshot is an
/// unpacked image directory, an active one a `cp -a` copy of it, handed out as a bind mount.
/// </summary>
internal sealed class DirectorySnapshotter(string root) : ISnapshotter
{
    private string PathOf(string keyOrName) => Path.Combine(root, keyOrName.Replace(':', '-'));

    public async ValueTask<string> UnpackAsync(ResolvedImage image, ImageService images, CancellationToken cancellationToken)
    {
        string name = image.Config.RootFS.DiffIds[^1].ToString();
        string dir = PathOf(name);
        if (Directory.Exists(dir)) return name;
        Directory.CreateDirectory(dir);
        foreach (var layer in image.Manifest.Layers)
        {
            await using Stream blob = await images.Content.OpenReadAsync(layer.Digest, cancellationToken);
            await using var gz = new GZipStream(blob, CompressionMode.Decompress);
            await TarFile.ExtractToDirectoryAsync(gz, dir, overwriteFiles: true, cancellationToken);
        }
        return name;
    }

    public async ValueTask<IReadOnlyList<Mount>> PrepareAsync(string key, string? parent, SnapshotOptions? options = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(root);
        using Process cp = Process.Start("cp", ["-a", PathOf(parent!), PathOf(key)]);
        await cp.WaitForExitAsync(cancellationToken);
        return [Mount.Bind(PathOf(key), readOnly: false)];
    }

    public ValueTask RemoveAsync(string keyOrName, CancellationToken cancellationToken = default)
    {
        Directory.Delete(PathOf(keyOrName), recursive: true);
        return ValueTask.CompletedTask;
    }

    public ValueTask<SnapshotInfo?> TryStatAsync(string keyOrName, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Directory.Exists(PathOf(keyOrName)) ? new SnapshotInfo(keyOrName, null, SnapshotKind.Active, DateTimeOffset.UtcNow) : null);

    public async IAsyncEnumerable<SnapshotInfo> WalkAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        if (!Directory.Exists(root)) yield break;
        foreach (string d in Directory.EnumerateDirectories(root))
            yield return new SnapshotInfo(Path.GetFileName(d), null, SnapshotKind.Active, DateTimeOffset.UtcNow);
    }

    public ValueTask<IReadOnlyList<Mount>> ViewAsync(string key, string? parent, SnapshotOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<IReadOnlyList<Mount>> MountsAsync(string key, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask CommitAsync(string name, string key, SnapshotOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<SnapshotInfo> StatAsync(string keyOrName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<SnapshotUsage> UsageAsync(string keyOrName, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

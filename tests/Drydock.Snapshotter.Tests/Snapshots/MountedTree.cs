using Drydock.Core;
using Drydock.Snapshotter.Mounting;

namespace Drydock.Snapshotter.Tests.Snapshots;

/// <summary>A snapshot's mounts performed on a fresh directory, unmounted and removed on dispose.</summary>
internal sealed class MountedTree : IAsyncDisposable
{
    private MountedTree(string path) => Path = path;

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    public static async Task<MountedTree> MountAsync(IReadOnlyList<Mount> mounts, string parent)
    {
        string target = System.IO.Path.Combine(parent, "mnt-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(target);
        await Mounter.MountAsync(mounts, target);
        return new MountedTree(target);
    }

    public async ValueTask DisposeAsync()
    {
        await Mounter.UnmountAsync(Path);
        Directory.Delete(Path);
    }
}

using System.Diagnostics;
using System.Formats.Tar;
using Drydock.Core;
using Drydock.Snapshotter;

namespace Drydock.Exporter.Image;

/// <summary>
/// --output type=local (the built filesystem copied into a directory, owners and modes kept, as `cp -a` keeps
/// them) and type=tar (the same tree as one tar archive, to a file or "-" for STDOUT). A read-only view of the
/// final snapshot is mounted for the copy and removed afterwards.
/// </summary>
public static class RootfsExport
{
    public static async Task WriteAsync(ISnapshotter snapshotter, Func<IReadOnlyList<Mount>, string, CancellationToken, ValueTask> mount,
        Func<string, CancellationToken, ValueTask> unmount, DrydockRoot root, string? snapshot, string type, string destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshotter);
        ArgumentNullException.ThrowIfNull(mount);
        ArgumentNullException.ThrowIfNull(unmount);
        ArgumentNullException.ThrowIfNull(root);
        string key = "export-rootfs-" + Guid.NewGuid().ToString("N")[..16];
        string target = Path.Combine(root.Tmp, key);
        Directory.CreateDirectory(target);
        bool mounted = false;
        try
        {
            if (snapshot is not null)
            {
                IReadOnlyList<Mount> mounts = await snapshotter.ViewAsync(key, snapshot, cancellationToken: cancellationToken).ConfigureAwait(false);
                await mount(mounts, target, cancellationToken).ConfigureAwait(false);
                mounted = true;
            }
            if (type == "local") await CopyTreeAsync(target, destination, cancellationToken).ConfigureAwait(false);
            else await WriteTarAsync(target, destination, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (mounted) await unmount(target, CancellationToken.None).ConfigureAwait(false);
            if (snapshot is not null)
            {
                try
                {
                    await snapshotter.RemoveAsync(key, CancellationToken.None).ConfigureAwait(false);
                }
                catch (DrydockException)
                {
                }
            }
            Directory.Delete(target);
        }
    }

    private static async Task CopyTreeAsync(string source, string destination, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(destination);
        var psi = new ProcessStartInfo("cp") { RedirectStandardError = true };
        foreach (string a in new[] { "-a", "--", source + "/.", destination + "/" }) psi.ArgumentList.Add(a);
        using Process p = Process.Start(psi) ?? throw new DrydockException(ErrorKind.Unavailable, "cannot start 'cp'");
        string error = await p.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await p.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (p.ExitCode != 0) throw new DrydockException(ErrorKind.Unknown, $"failed to copy the build result to '{destination}': {error.Trim()}");
    }

    private static async Task WriteTarAsync(string source, string destination, CancellationToken cancellationToken)
    {
        await using Stream output = destination == "-" ? Console.OpenStandardOutput() : File.Create(destination);
        await TarFile.CreateFromDirectoryAsync(source, output, includeBaseDirectory: false, cancellationToken).ConfigureAwait(false);
    }
}

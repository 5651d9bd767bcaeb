using System.Diagnostics;
using Drydock.Core;

namespace Drydock.Snapshotter.Native;

/// <summary>
/// Copies a tree with coreutils' `cp -a --reflink=auto`: FICLONE where the filesystem shares extents (btrfs,
/// xfs), a plain copy elsewhere; owners, modes, times, hard links, xattrs and device nodes are kept.
/// </summary>
internal static class TreeCopier
{
    public static async ValueTask CopyAsync(string source, string destination, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("cp") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in (string[])["-a", "--reflink=auto", "--no-target-directory", "--", source, destination]) psi.ArgumentList.Add(a);
        using Process p = Process.Start(psi) ?? throw new DrydockException(ErrorKind.Unavailable, "failed to start 'cp'");
        try
        {
            string error = await p.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await p.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (p.ExitCode != 0)
                throw new DrydockException(ErrorKind.Unknown, $"failed to copy snapshot '{source}' to '{destination}': {error.Trim()}");
        }
        catch (OperationCanceledException)
        {
            p.Kill();
            throw;
        }
    }
}

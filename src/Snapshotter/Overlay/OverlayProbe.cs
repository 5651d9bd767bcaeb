using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Drydock.Core;

namespace Drydock.Snapshotter.Overlay;

/// <summary>
/// Whether overlayfs works for a root, found by really mounting a tiny overlay in its tmp directory and writing
/// through it: overlay on overlay (inside a container) or a filesystem without d_type fails here, not mid-build.
/// Also finds which of <see cref="OverlaySnapshotter.WantedOptions"/> this kernel knows (an old one rejects
/// metacopy=off with EINVAL): each rejected option is left out. Results are kept per directory for the process.
/// </summary>
internal static class OverlayProbe
{
    private static readonly ConcurrentDictionary<string, OverlaySupport> s_results = new(StringComparer.Ordinal);

    public static OverlaySupport Probe(string tmpDirectory) => s_results.GetOrAdd(Path.GetFullPath(tmpDirectory), Run);

    private static OverlaySupport Run(string tmpDirectory)
    {
        string dir = Path.Combine(tmpDirectory, "overlay-probe-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            foreach (string d in (string[])["l1", "l2", "upper", "work", "merged"]) Directory.CreateDirectory(Path.Combine(dir, d));
            File.WriteAllText(Path.Combine(dir, "l2", "probe"), "");
            string Data(IEnumerable<string> options) => string.Join(',', [.. options,
                $"lowerdir={dir}/l1:{dir}/l2", $"upperdir={dir}/upper", $"workdir={dir}/work"]);
            ImmutableArray<string> wanted = OverlaySnapshotter.WantedOptions;
            if (TryMount(dir, Data(wanted)) == 0 && Unmount(dir)) return Verified(dir, Data(wanted), wanted);
            if (TryMount(dir, Data([])) is not 0 and int errno)
                return new OverlaySupport(false, [], $"mounting an overlay in '{tmpDirectory}' failed: {UnixIOException.ErrnoText(errno)}");
            Unmount(dir);
            var accepted = wanted.Where(o => TryMount(dir, Data([o])) == 0 && Unmount(dir)).ToImmutableArray();
            return Verified(dir, Data(accepted), accepted);
        }
        catch (IOException e)
        {
            return new OverlaySupport(false, [], $"probing overlayfs in '{tmpDirectory}' failed: {e.Message}");
        }
        finally
        {
            Unmount(dir);
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    // a write through the merged tree must land in the upper directory
    private static OverlaySupport Verified(string dir, string data, ImmutableArray<string> options)
    {
        if (TryMount(dir, data) is not 0 and int errno)
            return new OverlaySupport(false, [], $"mounting an overlay in '{dir}' failed: {UnixIOException.ErrnoText(errno)}");
        try
        {
            File.WriteAllText(Path.Combine(dir, "merged", "written"), "");
            bool works = File.Exists(Path.Combine(dir, "upper", "written")) && File.Exists(Path.Combine(dir, "merged", "probe"));
            return works ? new OverlaySupport(true, options, null) : new OverlaySupport(false, [], "a write through an overlay did not reach its upper directory");
        }
        finally
        {
            Unmount(dir);
        }
    }

    private static int TryMount(string dir, string data)
    {
        string merged = Path.Combine(dir, "merged");
        if (Interop.Libc.mount("overlay", merged, "overlay", 0, data) == 0) return 0;
        return Marshal.GetLastPInvokeError();
    }

    private static bool Unmount(string dir)
    {
        while (Interop.Libc.umount2(Path.Combine(dir, "merged"), Interop.Libc.MNT_DETACH) == 0) { }
        return true;
    }
}

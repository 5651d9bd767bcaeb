using System.Text;
using Drydock.Core;
using Drydock.Snapshotter.Metadata;
using Drydock.Snapshotter.Native;
using Drydock.Snapshotter.Overlay;

namespace Drydock.Snapshotter;

/// <summary>
/// Opens a root's snapshotter: "overlayfs", "native" or "auto". Auto probes once per root by mounting a tiny
/// overlay in root.Tmp (it fails on an overlay, e.g. inside a container, and then native is used) and remembers
/// the choice in root.Snapshots/driver, so later opens and other processes agree (and the overlay mount options
/// found, per kernel release, in root.Snapshots/overlayfs/mount-options). Each driver keeps its data in
/// its own sub-directory (root.Snapshots/overlayfs, root.Snapshots/native). Opening does no I/O beyond that:
/// crash recovery runs on the snapshotter's first call.
/// <code>
/// ISnapshotter snapshotter = SnapshotterFactory.Open(root, "auto");
/// </code>
/// </summary>
public static class SnapshotterFactory
{
    public const string OverlayDriver = "overlayfs";
    public const string NativeDriver = "native";
    public const string AutoDriver = "auto";

    public static ISnapshotter Open(DrydockRoot root, string driver, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(driver);
        if (driver is not (OverlayDriver or NativeDriver or AutoDriver))
            throw new DrydockException(ErrorKind.InvalidArgument, $"unknown snapshotter '{driver}': expected overlayfs, native or auto");
        string? held = Remembered(root);
        if (driver != AutoDriver && held is not null && held != driver)
        {
            throw new DrydockException(ErrorKind.FailedPrecondition,
                $"failed to open snapshotter '{driver}' on '{root.Snapshots}': the root holds '{held}' snapshots; pass --snapshotter {held} (or auto), or use another --root");
        }
        string chosen = driver != AutoDriver ? driver : held ?? Probe(root);
        ISnapshotter snapshotter = chosen == OverlayDriver ? OpenOverlay(root, timeProvider) : new NativeSnapshotter(Path.Combine(root.Snapshots, NativeDriver), timeProvider);
        if (held is null) Remember(root, chosen);
        return snapshotter;
    }

    private static OverlaySnapshotter OpenOverlay(DrydockRoot root, TimeProvider? timeProvider)
    {
        string directory = Path.Combine(root.Snapshots, OverlayDriver);
        if (RememberedOptions(directory) is { } options) return new OverlaySnapshotter(directory, options, timeProvider);
        OverlaySupport support = ProbeOverlay(root);
        if (!support.Works)
            throw new DrydockException(ErrorKind.Unsupported, $"failed to open snapshotter 'overlayfs' on '{root.Snapshots}': {support.Reason}; use --snapshotter native");
        RememberOptions(directory, support.Options);
        return new OverlaySnapshotter(directory, support.Options, timeProvider);
    }

    // The mount options the probe accepted, with the kernel release they were probed on: another kernel probes
    // again. Every process on the root would otherwise mount a test overlay before its first snapshot.
    private static string OptionsFile(string directory) => Path.Combine(directory, "mount-options");

    private static System.Collections.Immutable.ImmutableArray<string>? RememberedOptions(string directory)
    {
        try
        {
            string[] lines = File.ReadAllLines(OptionsFile(directory));
            if (lines.Length == 2 && lines[0] == KernelRelease())
                return [.. lines[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Where(OverlaySnapshotter.WantedOptions.Contains)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return null;
    }

    private static void RememberOptions(string directory, System.Collections.Immutable.ImmutableArray<string> options)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.Write(OptionsFile(directory), Encoding.ASCII.GetBytes($"{KernelRelease()}\n{string.Join(',', options)}\n"), durable: false);
    }

    private static string KernelRelease()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string Probe(DrydockRoot root) => ProbeOverlay(root).Works ? OverlayDriver : NativeDriver;

    private static OverlaySupport ProbeOverlay(DrydockRoot root)
    {
        Directory.CreateDirectory(root.Tmp);
        return OverlayProbe.Probe(root.Tmp);
    }

    private static string DriverFile(DrydockRoot root) => Path.Combine(root.Snapshots, "driver");

    /// <summary>The driver the root was first opened with; for a root from before the file existed, the one directory present.</summary>
    private static string? Remembered(DrydockRoot root)
    {
        try
        {
            string text = File.ReadAllText(DriverFile(root)).Trim();
            if (text is OverlayDriver or NativeDriver) return text;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
        }
        bool overlay = Directory.Exists(Path.Combine(root.Snapshots, OverlayDriver, "metadata"));
        bool native = Directory.Exists(Path.Combine(root.Snapshots, NativeDriver, "metadata"));
        return overlay == native ? null : overlay ? OverlayDriver : NativeDriver;
    }

    private static void Remember(DrydockRoot root, string driver)
    {
        Directory.CreateDirectory(root.Snapshots);
        AtomicFile.Write(DriverFile(root), Encoding.ASCII.GetBytes(driver + "\n"), durable: true);
    }
}

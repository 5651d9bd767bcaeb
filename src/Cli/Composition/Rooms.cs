using System.CommandLine;
using Drydock.Containers.Running;
using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Runtime;
using Drydock.Snapshotter;
using Drydock.Snapshotter.Diff;
using Drydock.Snapshotter.Layers;
using Drydock.Snapshotter.Mounting;
using Drydock.Snapshotter.Unpack;
using Drydock.Solver;

namespace Drydock.Cli.Composition;

/// <summary>
/// The one place the CLI wires the rooms together: the snapshotter driver chosen by flag, environment or the
/// root's remembered probe, the layer applier and unpacker over the content store, and the bundled runtime.
/// Everything is opened lazily, so commands that never touch snapshots (ps, logs) pay nothing for them.
/// </summary>
internal static class Rooms
{
    /// <summary>--snapshotter, else $DRYDOCK_SNAPSHOTTER, else auto (probed once per root and remembered).</summary>
    public static string SnapshotterDriver(string? flag) => flag ?? Environment.GetEnvironmentVariable("DRYDOCK_SNAPSHOTTER") ?? "auto";

    public static ISnapshotter OpenSnapshotter(string? flag, DrydockRoot root) => SnapshotterFactory.Open(root, SnapshotterDriver(flag));

    public static IDiffer OpenDiffer(ImageService images, DateTimeOffset? sourceDateEpoch) => new Differ(images.Content, sourceDateEpoch);

    public static BuildServices Build(string? snapshotterFlag, DrydockRoot root, ImageService images)
    {
        ISnapshotter snapshotter = OpenSnapshotter(snapshotterFlag, root);
        var unpacker = new ImageUnpacker(snapshotter, new LayerApplier(images.Content));
        return new BuildServices
        {
            Root = root,
            Images = images,
            Snapshotter = snapshotter,
            Runtime = new LinuxContainerRuntime(),
            Unpack = unpacker.UnpackAsync,
            Mount = Mounter.MountAsync,
            Unmount = Mounter.UnmountAsync,
            ExtractArchive = (stream, directory, ct) => LayerExtractor.ExtractAsync(stream, directory, ExtractMode.Plain, ct),
        };
    }

    public static ContainerServices Containers(ParseResult parse, DrydockRoot root)
    {
        string? snapshotterFlag = parse.GetValue(GlobalOptions.Snapshotter);
        var images = new Lazy<ImageService>(() => ImageService.Open(root, new Containers.Store.ContainerImageUsage(root)));
        var snapshotter = new Lazy<ISnapshotter>(() => OpenSnapshotter(snapshotterFlag, root));
        return new ContainerServices
        {
            Root = root,
            Images = images,
            Snapshotter = snapshotter,
            SnapshotterName = SnapshotterDriver(snapshotterFlag),
            Unpack = async (image, ct) => await new ImageUnpacker(snapshotter.Value, new LayerApplier(images.Value.Content)).UnpackAsync(image, ct)
                ?? throw new DrydockException(ErrorKind.FailedPrecondition, $"image '{image.Id}' has no layers: there is no filesystem to run"),
            Runtime = path => path is null ? new LinuxContainerRuntime() : new ExternalOciRuntime(path),
            Self = Self(),
        };
    }

    /// <summary>How to start this drydock again: the apphost when there is one, else `dotnet drydock.dll`.</summary>
    private static (string, IReadOnlyList<string>) Self()
    {
        string? process = Environment.ProcessPath;
        if (process is not null && Path.GetFileName(process) == "drydock") return (process, []);
        string apphost = Path.Combine(AppContext.BaseDirectory, "drydock");
        if (File.Exists(apphost)) return (apphost, []);
        return (process ?? "dotnet", [Path.Combine(AppContext.BaseDirectory, "drydock.dll")]);
    }
}

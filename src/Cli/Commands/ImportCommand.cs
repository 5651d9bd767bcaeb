using System.CommandLine;
using Drydock.Containers.Store;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Images;
using Drydock.Core.Layers;
using Drydock.Core.Leases;
using Drydock.Core.Oci;
using Drydock.Exporter.Import;
using Drydock.Snapshotter.Diff;
using Drydock.Snapshotter.Layers;

namespace Drydock.Cli.Commands;

/// <summary>
/// <c>import TARBALL|DIR|- [REPOSITORY[:TAG]]</c>, like <c>docker import</c>: a root filesystem becomes a
/// one-layer image. A tarball (plain, gzip or zstd) is taken as the layer as it is, only recompressed; a
/// directory is written as a reproducible layer, owners, modes, xattrs and hardlinks kept.
/// </summary>
internal static class ImportCommand
{
    public static void AddTo(Command root, Command image)
    {
        root.Subcommands.Add(Create());
        image.Subcommands.Add(Create());
    }

    private static Command Create()
    {
        var command = new Command("import", "Import the contents of a tarball or a directory to create a filesystem image");
        var source = new Argument<string>("TARBALL|DIR|-") { Description = "A tar archive (plain, gzip or zstd), a directory, or - for a tar on STDIN" };
        var name = new Argument<string?>("REPOSITORY[:TAG]") { Arity = ArgumentArity.ZeroOrOne };
        var changes = new Option<string[]>("--change", "-c") { Description = "Apply a Dockerfile instruction to the image: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, WORKDIR, VOLUME, STOPSIGNAL, ONBUILD" };
        var message = new Option<string?>("--message", "-m") { Description = "Set the history comment of the imported layer" };
        command.Arguments.Add(source);
        command.Arguments.Add(name);
        command.Options.Add(changes);
        command.Options.Add(message);
        CommandRunner.SetAction(command, async (parse, ct) =>
        {
            DrydockRoot root = GlobalOptions.ResolveRoot(parse);
            var images = ImageService.Open(root, new ContainerImageUsage(root));
            var importer = new ImageImporter(images, new LeaseManager(root), WriteLayerAsync);
            string path = parse.GetValue(source)!;
            string? spooled = path == "-" ? await SpoolStdinAsync(root, ct) : null;
            try
            {
                ResolvedImage imported = await importer.ImportAsync(spooled ?? path, parse.GetValue(name), parse.GetValue(changes) ?? [], parse.GetValue(message), ct);
                Console.Out.WriteLine(imported.Id);
            }
            finally
            {
                if (spooled is not null) File.Delete(spooled);
            }
            return CommandRunner.Ok;
        });
        return command;
    }

    private static async ValueTask<Layer> WriteLayerAsync(IContentStore content, string source, CancellationToken ct)
    {
        if (Directory.Exists(source))
            return await new Differ(content).CompareAsync([], [Mount.Bind(Path.GetFullPath(source), readOnly: true)], LayerCompression.Gzip, ct);
        return await new LayerWriter(content).WriteAsync(LayerCompression.Gzip, async (tar, c) =>
        {
            await using FileStream file = File.OpenRead(source);
            await using Stream plain = LayerStreams.OpenDecompressed(file);
            await CopyCheckedTarAsync(plain, tar, c);
        }, ct);
    }

    /// <summary>Copies a tar stream while reading its headers, so a file that is not a tar fails before it becomes a layer.</summary>
    private static async Task CopyCheckedTarAsync(Stream tar, Stream destination, CancellationToken ct)
    {
        await using var tee = new TeeReadStream(tar, destination);
        await using (var reader = new System.Formats.Tar.TarReader(tee, leaveOpen: true))
        {
            int entries = 0;
            while (await reader.GetNextEntryAsync(copyData: false, ct) is not null) entries++;
            if (entries == 0) throw new InvalidDataException("the archive holds no tar entries");
        }
        await tee.CopyToAsync(Stream.Null, ct);
    }

    private static async Task<string> SpoolStdinAsync(DrydockRoot root, CancellationToken ct)
    {
        if (!Console.IsInputRedirected)
            throw new DrydockException(ErrorKind.InvalidArgument, "requested import from STDIN, but STDIN is a terminal: give a file or directory, or redirect STDIN");
        Directory.CreateDirectory(root.Tmp);
        string tmp = Path.Combine(root.Tmp, $"import-{Environment.ProcessId}-{Guid.NewGuid():N}.tar");
        await using (FileStream file = new(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            await Console.OpenStandardInput().CopyToAsync(file, ct);
        return tmp;
    }
}

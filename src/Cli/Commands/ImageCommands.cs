using System.CommandLine;
using Drydock.Containers.Store;
using Drydock.Core;
using Drydock.Core.Gc;
using Drydock.Core.Images;
using Drydock.Core.Images.Display;
using Drydock.Core.Leases;
using Drydock.Exporter.Archive;
using Drydock.Exporter.Transports;

namespace Drydock.Cli.Commands;

/// <summary>images, tag, rmi, inspect, history, save, load, pull, import, system df/prune, image prune (and the same under `image`).</summary>
internal static class ImageCommands
{
    public static void AddTo(Command root)
    {
        var image = new Command("image", "Manage images");
        root.Subcommands.Add(image);

        root.Subcommands.Add(Images("images"));
        image.Subcommands.Add(Images("ls", "list"));
        root.Subcommands.Add(Tag("tag"));
        image.Subcommands.Add(Tag("tag"));
        root.Subcommands.Add(Rmi("rmi"));
        image.Subcommands.Add(Rmi("rm", "remove"));
        root.Subcommands.Add(Inspect("inspect"));
        image.Subcommands.Add(Inspect("inspect"));
        root.Subcommands.Add(History("history"));
        image.Subcommands.Add(History("history"));
        root.Subcommands.Add(Save("save"));
        image.Subcommands.Add(Save("save"));
        root.Subcommands.Add(Load("load"));
        image.Subcommands.Add(Load("load"));
        root.Subcommands.Add(Pull("pull"));
        image.Subcommands.Add(Pull("pull"));
        ImportCommand.AddTo(root, image);
        image.Subcommands.Add(Prune("prune", system: false));

        var system = new Command("system", "Manage Drydock's store");
        system.Subcommands.Add(Df());
        system.Subcommands.Add(Prune("prune", system: true));
        root.Subcommands.Add(system);
    }

    /// <summary>The image service over the store of --root, knowing which images containers use.</summary>
    private static ImageService OpenImages(ParseResult parse)
    {
        DrydockRoot root = GlobalOptions.ResolveRoot(parse);
        return ImageService.Open(root, new ContainerImageUsage(root));
    }

    /// <summary>
    /// The garbage collector over --root: image records, live leases (running builds and loads) and the layers
    /// the build cache computed for its snapshots are its roots. Containers run from unpacked snapshots, not blobs.
    /// </summary>
    private static GarbageCollector OpenGc(ParseResult parse)
    {
        DrydockRoot root = GlobalOptions.ResolveRoot(parse);
        return GarbageCollector.Open(root, [new Drydock.Exporter.Image.LayerCache(root)]);
    }

    private static Command Images(string name, params string[] aliases)
    {
        var command = new Command(name, "List images");
        foreach (string a in aliases) command.Aliases.Add(a);
        var repository = new Argument<string?>("REPOSITORY[:TAG]") { Arity = ArgumentArity.ZeroOrOne, Description = "Show only images of this repository (and tag)" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Only show image IDs" };
        var all = new Option<bool>("--all", "-a") { Description = "Show all images (Drydock stores no intermediate images, so this is the default list)" };
        var digests = new Option<bool>("--digests") { Description = "Show digests" };
        var noTrunc = new Option<bool>("--no-trunc") { Description = "Don't truncate output" };
        var filter = new Option<string[]>("--filter", "-f") { Description = "Filter output: dangling=true|false, reference=PATTERN" };
        var format = new Option<string?>("--format") { Description = "Format output: table, json, or a Go template such as '{{.Repository}}:{{.Tag}}'" };
        command.Arguments.Add(repository);
        foreach (Option o in new Option[] { quiet, all, digests, noTrunc, filter, format }) command.Options.Add(o);
        CommandRunner.SetAction(command, async (parse, ct) =>
        {
            ImageService images = OpenImages(parse);
            IReadOnlyList<ImageSummary> rows = await images.ListAsync(
                (recordName, e) => Console.Error.WriteLine($"warning: skipping image '{ImageService.Display(recordName)}': {CommandRunner.MessageChain(e)}"), ct);
            rows = ImageFilters.Apply(rows, parse.GetValue(repository), parse.GetValue(filter) ?? []);
            Console.Out.Write(ImageListFormatter.Format(rows,
                new ImageListOptions(parse.GetValue(quiet), parse.GetValue(digests), parse.GetValue(noTrunc), parse.GetValue(format)), images.Time.GetUtcNow()));
            return CommandRunner.Ok;
        });
        return command;
    }

    private static Command Tag(string name)
    {
        var command = new Command(name, "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE");
        var source = new Argument<string>("SOURCE_IMAGE[:TAG]");
        var target = new Argument<string>("TARGET_IMAGE[:TAG]");
        command.Arguments.Add(source);
        command.Arguments.Add(target);
        CommandRunner.SetAction(command, async (parse, ct) =>
        {
            await OpenImages(parse).TagAsync(parse.GetValue(source)!, parse.GetValue(target)!, ct);
            return CommandRunner.Ok;
        });
        return command;
    }

    private static Command Rmi(string name, params string[] aliases)
    {
        var command = new Command(name, "Remove one or more images");
        foreach (string a in aliases) command.Aliases.Add(a);
        var imagesArg = new Argument<string[]>("IMAGE") { Arity = ArgumentArity.OneOrMore };
        var force = new Option<bool>("--force", "-f") { Description = "Remove the image even if several names or a container refer to it" };
        command.Arguments.Add(imagesArg);
        command.Options.Add(force);
        CommandRunner.SetAction(command, async (parse, ct) =>
        {
            ImageService images = OpenImages(parse);
            int exit = CommandRunner.Ok;
            foreach (string nameOrId in parse.GetValue(imagesArg)!)
            {
                try
                {
                    RemovedImage removed = await images.RemoveAsync(nameOrId, parse.GetValue(force), ct);
                    foreach (string u in removed.Untagged) Console.Out.WriteLine($"Untagged: {u}");
                    foreach (Digest d in removed.Deleted) Console.Out.WriteLine($"Deleted: {d}");
                }
                catch (DrydockException e)
                {
                    exit = CommandRunner.Report(e, parse.GetValue(GlobalOptions.Debug));
                }
            }
            await OpenGc(parse).CollectAsync(ct);
            return exit;
        });
        return command;
    }

    private static Command Inspect(string name)
    {
        var command = new Command(name, "Display detailed information on one or more images");
        var imagesArg = new Argument<string[]>("IMAGE") { Arity = ArgumentArity.OneOrMore };
        var format = new Option<string?>("--format", "-f") { Description = "Format output with a Go template, e.g. '{{.Id}}' or '{{json .Config}}'" };
        command.Arguments.Add(imagesArg);
        command.Options.Add(format);
        CommandRunner.SetAction(command, async (parse, ct) =>
        {
            ImageService images = OpenImages(parse);
            GoTemplate? template = parse.GetValue(format) is { } f ? GoTemplate.ParseForJson(f) : null;
            var found = new List<ResolvedImage>();
            var errors = new List<string>();
            foreach (string nameOrId in parse.GetValue(imagesArg)!)
            {
                if (await images.TryResolveAsync(nameOrId, ct) is { } image) found.Add(image);
                else errors.Add($"Error: no such image: {nameOrId}");
            }
            if (template is null) Console.Out.WriteLine(ImageInspectWriter.Write(found));
            else
            {
                using var doc = System.Text.Json.JsonDocument.Parse(ImageInspectWriter.Write(found));
                foreach (var element in doc.RootElement.EnumerateArray()) Console.Out.WriteLine(template.Render(element));
            }
            foreach (string e in errors) Console.Error.WriteLine(e);
            return errors.Count == 0 ? CommandRunner.Ok : CommandRunner.Failure;
        });
        return command;
    }

    private static Command History(string name)
    {
        var command = new Command(name, "Show the history of an image");
        var imageArg = new Argument<string>("IMAGE");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Only show image IDs" };
        var noTrunc = new Option<bool>("--no-trunc") { Description = "Don't truncate output" };
        var format = new Option<string?>("--format") { Description = "Format output: table, json, or a Go template such as '{{.CreatedBy}}'" };
        var human = new Option<bool>("--human", "-H") { Description = "Print sizes and dates in human readable format", DefaultValueFactory = _ => true };
        command.Options.Add(human);
        command.Arguments.Add(imageArg);
        command.Options.Add(quiet);
        command.Options.Add(noTrunc);
        command.Options.Add(format);
        CommandRunner.SetAction(command, async (parse, ct) =>
        {
            ImageService images = OpenImages(parse);
            IReadOnlyList<HistoryRow> rows = await images.HistoryAsync(parse.GetValue(imageArg)!, ct);
            Console.Out.Write(HistoryFormatter.Format(rows, parse.GetValue(quiet), parse.GetValue(noTrunc), parse.GetValue(format), images.Time.GetUtcNow(), parse.GetValue(human)));
            return CommandRunner.Ok;
        });
        return command;
    }

    private static Command Save(string name)
    {
        var command = new Command(name, "Save one or more images to a tar archive (streamed to STDOUT by default)");
        var imagesArg = new Argument<string[]>("IMAGE") { Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Write to a file, instead of STDOUT" };
        var format = new Option<string>("--format") { Description = "Archive format: docker (docker-archive, also an OCI layout) or oci", DefaultValueFactory = _ => "docker" };
        format.AcceptOnlyFromAmong("docker", "oci");
        command.Arguments.Add(imagesArg);
        command.Options.Add(output);
        command.Options.Add(format);
        CommandRunner.SetAction(command, async (parse, ct) =>
        {
            ImageService images = OpenImages(parse);
            string[] requested = parse.GetValue(imagesArg)!;
            IReadOnlyList<ResolvedImage> resolved = await images.ResolveAllAsync(requested, ct);
            var exported = requested.Select((nameOrId, i) => ForSave(nameOrId, resolved[i])).ToList();
            bool oci = parse.GetValue(format) == "oci";
            await WriteOutputAsync(parse.GetValue(output), stream => oci
                ? OciArchiveWriter.WriteAsync(images.Content, exported, stream, ct)
                : DockerArchiveWriter.WriteAsync(images.Content, exported, stream, ct), ct);
            return CommandRunner.Ok;
        });
        return command;
    }

    private static Command Load(string name)
    {
        var command = new Command(name, "Load images from a tar archive (docker or OCI, gzip'd or not) or an OCI layout directory");
        var input = new Option<string?>("--input", "-i") { Description = "Read from an archive file or OCI layout directory, instead of STDIN" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Suppress the load output" };
        command.Options.Add(input);
        command.Options.Add(quiet);
        CommandRunner.SetAction(command, async (parse, ct) =>
        {
            DrydockRoot root = GlobalOptions.ResolveRoot(parse);
            var loader = new ArchiveLoader(OpenImages(parse), new LeaseManager(root));
            IReadOnlyList<LoadedImage> loaded = await WithInputAsync(root, parse.GetValue(input),
                (path, fromStdin) => loader.LoadAsync(path, new LoadOptions { SourceName = fromStdin ? "STDIN" : null }, ct), ct);
            if (!parse.GetValue(quiet))
                foreach (LoadedImage l in loaded) Console.Out.WriteLine(l.Name is { } n ? $"Loaded image: {ImageService.Display(n)}" : $"Loaded image ID: {l.Image.Id}");
            return CommandRunner.Ok;
        });
        return command;
    }

    private static Command Pull(string name)
    {
        var command = new Command(name, "Pull an image from oci-layout://DIR[:TAG|@DIGEST] or docker-archive://FILE");
        var sourceArg = new Argument<string>("SOURCE");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only the image name" };
        command.Arguments.Add(sourceArg);
        command.Options.Add(quiet);
        CommandRunner.SetAction(command, async (parse, ct) =>
        {
            ImageSource source = ImageSource.Parse(parse.GetValue(sourceArg)!);
            DrydockRoot root = GlobalOptions.ResolveRoot(parse);
            var loader = new ArchiveLoader(OpenImages(parse), new LeaseManager(root));
            IReadOnlyList<LoadedImage> loaded = await loader.LoadAsync(source.Path, source.Options, ct);
            foreach (LoadedImage l in loaded)
            {
                if (!parse.GetValue(quiet)) Console.Out.WriteLine($"Digest: {l.Image.Target.Digest}");
                Console.Out.WriteLine(l.Name ?? l.Image.Id.ToString());
            }
            return CommandRunner.Ok;
        });
        return command;
    }

    private static Command Prune(string name, bool system)
    {
        var command = new Command(name, system
            ? "Remove dangling images and every blob no image, build cache record or running build refers to"
            : "Remove unused images");
        var all = new Option<bool>("--all", "-a") { Description = "Remove all images no container uses, not just dangling ones" };
        var force = new Option<bool>("--force", "-f") { Description = "Do not prompt for confirmation" };
        command.Options.Add(all);
        command.Options.Add(force);
        CommandRunner.SetAction(command, async (parse, ct) =>
        {
            bool pruneAll = parse.GetValue(all);
            if (!parse.GetValue(force))
            {
                string what = pruneAll ? "all images without at least one container associated to them" : "all dangling images";
                Console.Out.Write(system
                    ? $"WARNING! This will remove:\n  - {what}\n  - all content no image, build cache record or running build refers to\n\nAre you sure you want to continue? [y/N] "
                    : $"WARNING! This will remove {what}.\nAre you sure you want to continue? [y/N] ");
                string? answer = Console.In.ReadLine();
                if (answer is null || !answer.Trim().StartsWith('y') && !answer.Trim().StartsWith('Y')) return CommandRunner.Ok;
            }
            ImageService images = OpenImages(parse);
            RemovedImage removed = await images.PruneAsync(pruneAll, ct);
            GcResult gc = await OpenGc(parse).CollectAsync(ct);
            if (removed.Untagged.Count + removed.Deleted.Count > 0)
            {
                Console.Out.WriteLine("Deleted Images:");
                foreach (string u in removed.Untagged) Console.Out.WriteLine($"untagged: {u}");
                foreach (Digest d in removed.Deleted) Console.Out.WriteLine($"deleted: {d}");
                Console.Out.WriteLine();
            }
            Console.Out.WriteLine($"Total reclaimed space: {Units.HumanSize(gc.ReclaimedBytes)}");
            return CommandRunner.Ok;
        });
        return command;
    }

    private static Command Df()
    {
        var command = new Command("df", "Show disk usage of images");
        CommandRunner.SetAction(command, async (parse, ct) =>
        {
            ImageDiskUsage usage = await OpenImages(parse).DiskUsageAsync(ct);
            var table = new TableWriter();
            table.Add("TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE");
            long percent = usage.Size == 0 ? 0 : usage.Reclaimable * 100 / usage.Size;
            table.Add("Images", $"{usage.Total}", $"{usage.Active}", Units.HumanSize(usage.Size), $"{Units.HumanSize(usage.Reclaimable)} ({percent}%)");
            Console.Out.Write(table.ToString());
            return CommandRunner.Ok;
        });
        return command;
    }

    /// <summary>A name saves that name; an ID saves the image without names, as docker does.</summary>
    private static ExportedImage ForSave(string nameOrId, ResolvedImage image)
    {
        string? name = Core.References.ImageReference.TryParse(nameOrId, out var reference) && image.Names.Contains(reference.ToString()) ? reference.ToString() : null;
        return new ExportedImage(name, image.Target);
    }

    /// <summary>Writes to FILE through a temporary file renamed at the end, or to STDOUT when it is not a terminal.</summary>
    private static async Task WriteOutputAsync(string? path, Func<Stream, Task> write, CancellationToken ct)
    {
        if (path is null or "-")
        {
            if (!Console.IsOutputRedirected)
                throw new DrydockException(ErrorKind.InvalidArgument, "refusing to write an archive to a terminal: use -o FILE or redirect STDOUT");
            Stream stdout = Console.OpenStandardOutput();
            await using (stdout)
            {
                await write(stdout);
                await stdout.FlushAsync(ct);
            }
            return;
        }
        string tmp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            // disposed synchronously: the archive writers write synchronously, and an asynchronous final flush
            // would start the thread pool for its one write (3 ms of a small save)
            using (var file = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                await write(file);
            }
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            File.Delete(tmp);
        }
    }

    /// <summary>Runs <paramref name="load"/> on FILE, or on STDIN copied to a temporary file under the store's tmp directory.</summary>
    private static async Task<T> WithInputAsync<T>(DrydockRoot root, string? path, Func<string, bool, Task<T>> load, CancellationToken ct)
    {
        if (path is not null and not "-") return await load(path, false);
        if (!Console.IsInputRedirected)
            throw new DrydockException(ErrorKind.InvalidArgument, "requested load from STDIN, but STDIN is a terminal: use -i FILE or redirect STDIN");
        Directory.CreateDirectory(root.Tmp);
        string tmp = Path.Combine(root.Tmp, $"load-{Environment.ProcessId}-{Guid.NewGuid():N}.tar");
        try
        {
            var file = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (file)
            {
                Stream stdin = Console.OpenStandardInput();
                await using (stdin) await stdin.CopyToAsync(file, ct);
            }
            return await load(tmp, true);
        }
        finally
        {
            File.Delete(tmp);
        }
    }
}

using System.CommandLine;
using System.Text.Json;
using Drydock.Cli.Composition;
using Drydock.Core;
using Drydock.Core.Gc;
using Drydock.Core.Images;
using Drydock.Core.Leases;
using Drydock.Core.Oci;
using Drydock.Core.References;
using Drydock.Exporter.Archive;
using Drydock.Exporter.Image;
using Drydock.Exporter.Transports;
using Drydock.Parser.Ignore;
using Drydock.Runtime;
using Drydock.Snapshotter;
using Drydock.Solver;
using Drydock.Solver.Build;
using Drydock.Solver.Cache;
using Drydock.Solver.Context;
using Drydock.Solver.Executors;
using Drydock.Solver.Graph;
using Drydock.Solver.Lowering;
using Drydock.Solver.Memo;
using Drydock.Solver.Ops;
using Drydock.Solver.Progress;
using Drydock.Solver.Scheduling;

namespace Drydock.Cli.Commands;

/// <summary>build, builder prune.</summary>
internal static class BuildCommands
{
    private static readonly Argument<string> s_context = new("CONTEXT") { Description = "Build context: a directory, or - to read a tar archive or a Dockerfile from STDIN" };
    private static readonly Option<string[]> s_tags = new("--tag", "-t") { Description = "Name and optionally a tag (name:tag); repeatable" };
    private static readonly Option<string?> s_file = new("--file", "-f") { Description = "Name of the Dockerfile (default: CONTEXT/Dockerfile; - for STDIN)" };
    private static readonly Option<string[]> s_buildArgs = new("--build-arg") { Description = "Set a build-time variable: NAME=VALUE, or NAME to take it from the environment" };
    private static readonly Option<string?> s_target = new("--target") { Description = "Set the target build stage to build" };
    private static readonly Option<string[]> s_labels = new("--label") { Description = "Set metadata for an image: KEY=VALUE" };
    private static readonly Option<bool> s_noCache = new("--no-cache") { Description = "Do not use cache when building the image" };
    private static readonly Option<string[]> s_noCacheFilter = new("--no-cache-filter") { Description = "Do not cache the named stages" };
    private static readonly Option<bool> s_pull = new("--pull") { Description = "Always attempt to pull a newer version of the base images" };
    private static readonly Option<string?> s_iidfile = new("--iidfile") { Description = "Write the image ID to the file" };
    private static readonly Option<string?> s_metadataFile = new("--metadata-file") { Description = "Write build result metadata (JSON) to the file" };
    private static readonly Option<string[]> s_output = new("--output", "-o") { Description = "Output destination: type=image|oci|docker|tar|local[,dest=PATH]" };
    private static readonly Option<string> s_progress = new("--progress") { Description = "Progress output: auto, tty, plain, rawjson or quiet", DefaultValueFactory = _ => BuildLine.DefaultProgress() };
    private static readonly Option<bool> s_quiet = new("--quiet", "-q") { Description = "Suppress the build output and print the image ID on success" };
    private static readonly Option<string[]> s_secrets = new("--secret") { Description = "Secret to expose to the build: id=ID[,src=PATH|,env=VAR]" };
    private static readonly Option<string[]> s_buildContexts = new("--build-context") { Description = "Additional build context: NAME=DIR|docker-image://REF|oci-layout://PATH[:TAG|@DIGEST]" };
    private static readonly Option<string> s_network = new("--network") { Description = "Networking mode for RUN instructions: default, none or host", DefaultValueFactory = _ => "default" };
    private static readonly Option<string?> s_platform = new("--platform") { Description = "Target platform (only the host's platform can be built)" };
    private static readonly Option<bool> s_printGraph = new("--print-graph") { Description = "Print the build graph (the steps the target needs and their inputs) instead of building" };
    private static readonly Option<string> s_graphFormat = new("--graph-format") { Description = "Format of --print-graph: text or dot (Graphviz)", DefaultValueFactory = _ => "text" };

    private static readonly Option<bool> s_check = new("--check") { Description = "Check the Dockerfile for problems (lint rules) instead of building" };

    public static void AddTo(Command root)
    {
        var build = new Command("build", "Build an image from a Dockerfile");
        build.Arguments.Add(s_context);
        foreach (Option o in new Option[] { s_tags, s_file, s_buildArgs, s_target, s_labels, s_noCache, s_noCacheFilter, s_pull, s_iidfile, s_metadataFile,
            s_output, s_progress, s_quiet, s_secrets, s_buildContexts, s_network, s_platform, s_printGraph, s_graphFormat, s_check })
            build.Options.Add(o);
        CommandRunner.SetAction(build, (parse, ct) => BuildAsync(LineOf(parse), ct));
        root.Subcommands.Add(build);

        var builder = new Command("builder", "Manage the build cache");
        builder.Subcommands.Add(Prune());
        root.Subcommands.Add(builder);
    }

    internal static BuildLine LineOf(ParseResult parse) => new()
    {
        Context = parse.GetValue(s_context)!,
        File = parse.GetValue(s_file),
        Tags = parse.GetValue(s_tags) ?? [],
        BuildArgs = parse.GetValue(s_buildArgs) ?? [],
        Target = parse.GetValue(s_target),
        Labels = parse.GetValue(s_labels) ?? [],
        NoCache = parse.GetValue(s_noCache),
        NoCacheFilter = parse.GetValue(s_noCacheFilter) ?? [],
        Pull = parse.GetValue(s_pull),
        IidFile = parse.GetValue(s_iidfile),
        MetadataFile = parse.GetValue(s_metadataFile),
        Outputs = parse.GetValue(s_output) ?? [],
        Progress = parse.GetValue(s_progress)!,
        Quiet = parse.GetValue(s_quiet),
        Secrets = parse.GetValue(s_secrets) ?? [],
        BuildContexts = parse.GetValue(s_buildContexts) ?? [],
        Network = parse.GetValue(s_network)!,
        Platform = parse.GetValue(s_platform),
        PrintGraph = parse.GetValue(s_printGraph),
        GraphFormat = parse.GetValue(s_graphFormat)!,
        Check = parse.GetValue(s_check),
        Root = parse.GetValue(GlobalOptions.Root),
        Snapshotter = parse.GetValue(GlobalOptions.Snapshotter),
        Debug = parse.GetValue(GlobalOptions.Debug),
    };

    /// <summary>
    /// A line <see cref="BuildLineShortcut"/> read, run without System.CommandLine's invocation: errors and exit
    /// codes as every command reports them, and Ctrl-C handled only once there is a build to cancel.
    /// </summary>
    public static async Task<int> RunAsync(BuildLine line)
    {
        using var interruption = new Interruption();
        try
        {
            return await BuildAsync(line, interruption.Token, interruption.Arm);
        }
        catch (Exception e)
        {
            return CommandRunner.Report(e, line.Debug);
        }
    }

    /// <param name="building">called once the build is more than a remembered result, which has nothing to clean up when interrupted</param>
    private static async Task<int> BuildAsync(BuildLine line, CancellationToken ct, Action? building = null)
    {
        DrydockRoot root = DrydockRoot.Resolve(line.Root);
        Directory.CreateDirectory(root.Tmp);
        if (line.Pull)
            throw new DrydockException(ErrorKind.Unsupported, "--pull needs a registry, and Drydock builds from its local store only: refresh base images with 'drydock load' or 'drydock pull oci-layout://DIR'");
        Platform platform = line.Platform is { } p ? Platform.Parse(p) : Platform.Host;
        if (!platform.Matches(Platform.Host))
            throw new DrydockException(ErrorKind.Unsupported, $"cannot build for platform '{platform}': only the host platform '{Platform.Host}' can be built here");
        string network = line.Network;
        if (network is not ("default" or "none" or "host")) throw new DrydockException(ErrorKind.InvalidArgument, $"invalid --network '{network}': expected default, none or host");
        var outputs = line.Outputs.Select(BuildFlags.Output).ToList();
        if (outputs.Count > 1) throw new DrydockException(ErrorKind.InvalidArgument, "only one --output is supported per build");

        var timer = new PhaseTimer(line.Debug);
        timer.Mark("start");
        await using var source = await BuildSource.OpenAsync(root, line.Context, line.File, ct);
        var inputs = new BuildInputs();
        timer.Mark("read context and Dockerfile");
        DockerIgnore? ignore = DockerIgnore.Load(source.ContextDir, source.DockerfilePath);
        timer.Mark("load .dockerignore");
        inputs.Contexts[BuildInputs.MainContext] = new LocalContext(BuildInputs.MainContext, source.ContextDir,
            ignore is null ? null : ignore.IsExcluded, ignore is null ? null : ignore.MayIncludeUnder);
        foreach (string s in line.Secrets)
        {
            SecretSource secret = BuildFlags.Secret(s);
            inputs.Secrets[secret.Id] = secret;
        }
        var buildArgs = BuildFlags.BuildArgs(line.BuildArgs);
        foreach (var (name, value) in buildArgs)
            if (BuildInputs.ProxyArgs.Contains(name)) inputs.ProxyEnv.Add($"{name}={value}");
        ImageService images = ImageService.Open(root);
        var imageContexts = await NamedContextsAsync(root, images, inputs, line.BuildContexts, ct);
        var request = new BuildRequest
        {
            DockerfileText = source.DockerfileText,
            DockerfileName = source.DockerfileName,
            Identity = source.Identity,
            BuildArgs = buildArgs,
            Target = line.Target,
            Labels = BuildFlags.Labels(line.Labels),
            NoCache = line.NoCache,
            NoCacheStages = line.NoCacheFilter.SelectMany(v => v.Split(',')).ToHashSet(StringComparer.Ordinal),
            Platform = platform,
            Network = network,
            ImageContexts = imageContexts,
            SourceDateEpoch = BuildFlags.SourceDateEpoch(buildArgs.GetValueOrDefault("SOURCE_DATE_EPOCH") ?? Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH")),
        };

        if (line.Check) return Check(request);
        OutputSpec output = outputs.FirstOrDefault() ?? new OutputSpec("image", null, null);
        var tags = line.Tags.ToList();
        if (output.Name is { } extraName) tags.AddRange(extraName.Split(','));
        foreach (string t in tags) ImageReference.Parse(t);
        string progressMode = line.Quiet ? "quiet" : line.Progress;

        // the whole-build memo: only where every input is on this machine and the result is an image in the store
        bool memoizable = output.Type == "image" && !request.NoCache && request.NoCacheStages.Count == 0 && imageContexts.Count == 0
            && inputs.Contexts.Count == 1 && !source.IsTemporary && !line.PrintGraph;
        BuildMemo? memo = memoizable ? new BuildMemo(root, images.Content, images.Images) : null;
        ContextState? contextState = null;
        string memoKey = "";
        if (memo is not null)
        {
            contextState = ContextFingerprint.Take(source.ContextDir, ignore is null ? null : ignore.IsExcluded, ignore is null ? null : ignore.MayIncludeUnder);
            timer.Mark("fingerprint context");
            memoKey = BuildMemo.Key(ToolIdentity(), request, source.ContextDir, ignore?.Patterns ?? [], inputs.Secrets.Keys, contextState);
            timer.Mark("memo key");
            BuildMemoEntry? remembered = await memo.TryGetAsync(memoKey, ct);
            timer.Mark("memo lookup");
            if (remembered is not null)
            {
                IBuildProgress replay = OpenProgress(progressMode);
                ShowDefinition(replay, source);
                ProgressRecorder.Replay(replay, remembered);
                timer.Mark("replay progress");
                await NameAsync(images, remembered.Target, tags, ct);
                timer.Mark("name image");
                FinishExport(replay, remembered.ImageId, remembered.Target, tags, line);
                replay.Finish();
                timer.Mark("replay remembered build");
                return CommandRunner.Ok;
            }
        }

        building?.Invoke();
        var remember = memo is null || !contextState!.CanBeRemembered ? null : new MemoSlot(memo, memoKey);
        return await SolveAsync(new PendingBuild(line, root, images, source, inputs, request, tags, output, progressMode, timer), remember, ct);
    }

    /// <summary>What a build the memo did not remember carries from reading its inputs to solving them.</summary>
    private sealed record PendingBuild(BuildLine Line, DrydockRoot Root, ImageService Images, BuildSource Source, BuildInputs Inputs,
        BuildRequest Request, IReadOnlyList<string> Tags, OutputSpec Output, string ProgressMode, PhaseTimer Timer);

    /// <summary>Where the memo remembers this build's result.</summary>
    private sealed record MemoSlot(BuildMemo Memo, string Key);

    /// <summary>
    /// Plans, solves and exports a build. Kept apart from <see cref="BuildAsync"/>, whose remembered-build path
    /// then never prepares the planner's, solver's and exporter's code and types: the first call of one large
    /// method naming them all cost that path 2 ms.
    /// </summary>
    private static async Task<int> SolveAsync(PendingBuild build, MemoSlot? remember, CancellationToken ct)
    {
        var (line, root, images, source, inputs, request, tags, output, progressMode, timer) = build;
        var planner = new DockerfilePlanner(images) { IsLocalContext = inputs.Contexts.ContainsKey };
        timer.Mark("open stores");
        BuildPlan plan;
        using (NoCollectionRegion.ForParsing(System.Text.Encoding.UTF8.GetByteCount(request.DockerfileText))) plan = await planner.PlanAsync(request, ct);
        timer.Mark("parse and plan");
        if (line.PrintGraph)
        {
            string format = line.GraphFormat;
            if (format is not ("text" or "dot")) throw new DrydockException(ErrorKind.InvalidArgument, $"invalid --graph-format '{format}': expected text or dot");
            Console.Out.Write(format == "dot" ? GraphPrinter.Dot(plan.Targets) : GraphPrinter.Text(plan.Targets));
            return CommandRunner.Ok;
        }
        IBuildProgress progress = OpenProgress(progressMode);
        ShowDefinition(progress, source);
        foreach (var warning in plan.Warnings) progress.Warning(warning);
        var recorder = new ProgressRecorder(progress);
        BuildServices services = Rooms.Build(line.Snapshotter, root, images);
        timer.Mark("open snapshotter and runtime");
        using var hasher = new ContextHasher(root);
        var cache = new FileCacheStore(root);
        var executors = new ExecutorSet()
            .Add<ImageSourceOp>(new ImageSourceExecutor(services))
            .Add<ExecOp>(new ExecExecutor(services, inputs))
            .Add<CopyOp>(new CopyExecutor(services, inputs, hasher))
            .Add<MkdirOp>(new MkdirExecutor(services))
            .Add<MergeOp>(new MergeExecutor(services));
        var scheduler = new Scheduler(executors, cache, new MissExplainer(cache.Directory), recorder,
            new SolveOptions { Platform = request.Platform.ToString(), NoCache = request.NoCache, NoCacheStages = request.NoCacheStages },
            async (name, c) => await services.Snapshotter.TryStatAsync(name, c) is { Kind: SnapshotKind.Committed });
        SolvedImage solved;
        try
        {
            solved = await PlanSolver.SolveAsync(plan, scheduler, request, ct);
        }
        catch (StepFailedException e)
        {
            progress.Finish();
            FailureReport.Write(Console.Error, e, request.DockerfileText);
            throw;
        }
        finally
        {
            await hasher.SaveAsync(CancellationToken.None);
        }
        timer.Mark("solve");
        ResolvedImage? exported = await ExportAsync(root, images, services, solved, request, tags, output, progress, line, ct);
        progress.Finish();
        timer.Mark("export");
        if (remember is not null && exported is not null)
            await remember.Memo.RememberAsync(remember.Key, plan, exported, recorder, ct);
        return CommandRunner.Ok;
    }

    private static void ShowDefinition(IBuildProgress progress, BuildSource source)
    {
        var definition = new ProgressStep("internal-definition", $"[internal] load build definition from {source.DockerfileName}");
        progress.Started(definition, null);
        progress.Status(definition, $"transferring dockerfile: {System.Text.Encoding.UTF8.GetByteCount(source.DockerfileText)}B done");
        progress.Completed(definition, null);
    }

    /// <summary>Names a remembered image with this build's tags, leaving names that already point at it as they are.</summary>
    private static async Task NameAsync(ImageService images, Descriptor target, IReadOnlyList<string> tags, CancellationToken ct)
    {
        foreach (string tag in tags)
        {
            string name = ImageReference.Parse(tag).ToString();
            if ((await images.Images.TryGetAsync(name, ct))?.Target.Digest != target.Digest) await images.NameAsync(name, target, ct);
        }
    }

    /// <summary>
    /// Which Drydock does the build: the size and change time of its code, so that a remembered result is never
    /// reused by another build of the tool, which might build differently. Stat calls only, no version attribute: a
    /// rebuilt Drydock has new files whatever its version says, and reading a custom attribute costs the fast path
    /// milliseconds of reflection. A published Drydock's code is all in its one composite image (drydock.r2r.dll,
    /// rewritten by every publish), so that file alone says it; otherwise each Drydock assembly does.
    /// </summary>
    private static string ToolIdentity()
    {
        var composite = new FileInfo(Path.Combine(AppContext.BaseDirectory, "drydock.r2r.dll"));
        var files = new List<FileInfo>();
        if (composite.Exists)
        {
            files.Add(composite);
        }
        else
        {
            foreach (string file in Directory.EnumerateFiles(AppContext.BaseDirectory))
            {
                string name = Path.GetFileName(file);
                if ((name.StartsWith("Drydock.", StringComparison.Ordinal) && name.EndsWith(".dll", StringComparison.Ordinal)) || name is "drydock.dll")
                    files.Add(new FileInfo(file));
            }
            files.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        }
        var tool = new System.Text.StringBuilder("drydock");
        foreach (FileInfo info in files) tool.Append(' ').Append(info.Name).Append(':').Append(info.Length).Append(':').Append(info.LastWriteTimeUtc.Ticks);
        return tool.ToString();
    }

    private static async Task<ResolvedImage?> ExportAsync(DrydockRoot root, ImageService images, BuildServices services, SolvedImage solved, BuildRequest request,
        IReadOnlyList<string> tags, OutputSpec output, IBuildProgress progress, BuildLine line, CancellationToken ct)
    {
        var step = new ProgressStep("export", output.Type == "image" ? "exporting to image" : $"exporting to {output.Type}");
        progress.Started(step, null);
        try
        {
            if (output.Type == "local" || output.Type == "tar")
            {
                await RootfsExport.WriteAsync(services.Snapshotter, services.Mount, services.Unmount, root, solved.Snapshot, output.Type, output.Destination!, ct);
                progress.Completed(step, null);
                return null;
            }
            var committer = new ImageCommitter(images, services.Snapshotter, Rooms.OpenDiffer(images, request.SourceDateEpoch), new LayerCache(root));
            var labels = request.Labels.Count == 0 ? solved.Config : solved.Config with
            {
                Labels = new SortedDictionary<string, string>((solved.Config.Labels ?? new Dictionary<string, string>()).Concat(request.Labels)
                    .GroupBy(l => l.Key).ToDictionary(g => g.Key, g => g.Last().Value), StringComparer.Ordinal),
            };
            var exportRequest = new ImageExportRequest(solved.Base, [.. solved.Steps.Select(s => new ExportStep(s.CreatedBy, s.Parent, s.Snapshot))], labels)
            {
                Platform = solved.Platform,
                SourceDateEpoch = request.SourceDateEpoch,
                Author = solved.Author,
            };
            var names = output.Type == "image" ? tags : [];
            ResolvedImage image = await committer.CommitAsync(exportRequest, names, ct);
            if (output.Type is "oci" or "docker")
            {
                var exported = new List<ExportedImage> { new(names.Count > 0 ? names[0] : tags.FirstOrDefault(), image.Target) };
                await using Stream file = output.Destination == "-" ? Console.OpenStandardOutput() : File.Create(output.Destination!);
                if (output.Type == "oci") await OciArchiveWriter.WriteAsync(images.Content, exported, file, ct);
                else await DockerArchiveWriter.WriteAsync(images.Content, exported, file, ct);
                if (names.Count == 0) await images.RemoveAsync(image.Target.Digest.ToString(), force: true, ct);
            }
            FinishExport(progress, image.Id, image.Target, names, line, step);
            return output.Type == "image" ? image : null;
        }
        catch (Exception e)
        {
            progress.Completed(step, e);
            throw;
        }
    }

    /// <summary>The end of an export to the store: its last progress lines, then --iidfile, --metadata-file and -q's image ID.</summary>
    private static void FinishExport(IBuildProgress progress, Digest id, Descriptor target, IReadOnlyList<string> names, BuildLine line, ProgressStep? step = null)
    {
        if (step is null)
        {
            step = new ProgressStep("export", "exporting to image");
            progress.Started(step, null);
        }
        progress.Status(step, $"writing image {id}");
        foreach (string t in names) progress.Status(step, $"naming to {ImageReference.Parse(t)}");
        progress.Completed(step, null);
        if (line.IidFile is { } iid) File.WriteAllText(iid, id.ToString());
        if (line.MetadataFile is { } meta) File.WriteAllText(meta, Metadata(id, target, names));
        if (line.Quiet || line.Progress == "quiet") Console.Out.WriteLine(id);
    }

    private static string Metadata(Digest id, Descriptor target, IReadOnlyList<string> names)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("containerimage.config.digest", id.ToString());
            w.WriteString("containerimage.digest", target.Digest.ToString());
            w.WriteStartObject("containerimage.descriptor");
            w.WriteString("mediaType", target.MediaType);
            w.WriteString("digest", target.Digest.ToString());
            w.WriteNumber("size", target.Size);
            w.WriteEndObject();
            if (names.Count > 0) w.WriteString("image.name", string.Join(',', names.Select(n => ImageReference.Parse(n).ToString())));
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>--check: the Dockerfile's lint warnings with their lines, as BuildKit's --check prints them; exit 1 with # check=error=true.</summary>
    private static int Check(BuildRequest request)
    {
        var dockerfile = Drydock.Parser.DockerfileParser.Parse(request.DockerfileText, request.DockerfileName);
        var warnings = Drydock.Parser.Lint.Linter.Check(dockerfile);
        foreach (var w in warnings) Console.Out.WriteLine($"WARNING: {w.RuleName} - {w.Url}\n{w.Message} ({w.Range})");
        Console.Out.WriteLine(warnings.Count == 0 ? "Check complete, no warnings found." : $"Check complete, {warnings.Count} warning{(warnings.Count == 1 ? " has" : "s have")} been found!");
        Drydock.Parser.Lint.Linter.ThrowIfFailing(dockerfile, warnings);
        return CommandRunner.Ok;
    }

    private static IBuildProgress OpenProgress(string mode) => mode switch
    {
        "plain" => new PlainProgress(Console.Error),
        "tty" => new TtyProgress(Console.Error),
        "auto" => Console.IsErrorRedirected ? new PlainProgress(Console.Error) : new TtyProgress(Console.Error),
        "rawjson" => new RawJsonProgress(Console.OpenStandardError()),
        "quiet" => new QuietProgress(),
        _ => throw new DrydockException(ErrorKind.InvalidArgument, $"invalid --progress '{mode}': expected auto, tty, plain, rawjson or quiet"),
    };

    /// <summary>--build-context values: directories become local contexts; images (docker-image://, oci-layout://) named contexts for FROM and --from.</summary>
    private static async Task<Dictionary<string, string>> NamedContextsAsync(DrydockRoot root, ImageService images, BuildInputs inputs, IEnumerable<string> values, CancellationToken ct)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string v in values)
        {
            var (name, value) = BuildFlags.BuildContext(v);
            if (value.StartsWith("docker-image://", StringComparison.Ordinal)) result[name] = value["docker-image://".Length..];
            else if (value.StartsWith(ImageSource.OciLayoutScheme, StringComparison.Ordinal))
            {
                ImageSource source = ImageSource.Parse(value);
                var loaded = await new ArchiveLoader(images, new LeaseManager(root)).LoadAsync(source.Path, source.Options, ct);
                if (loaded.Count != 1) throw new DrydockException(ErrorKind.InvalidArgument, $"--build-context {name}: '{value}' holds {loaded.Count} images; name one with :TAG or @DIGEST");
                result[name] = loaded[0].Name ?? loaded[0].Image.Id.ToString();
            }
            else if (value.Contains("://", StringComparison.Ordinal))
                throw new DrydockException(ErrorKind.Unsupported, $"--build-context {name}: unsupported source '{value}': use a directory, docker-image://REF or oci-layout://PATH");
            else
            {
                string dir = Path.GetFullPath(value);
                if (!Directory.Exists(dir)) throw new DrydockException(ErrorKind.NotFound, $"--build-context {name}: directory '{value}' does not exist");
                DockerIgnore? ignore = DockerIgnore.Load(dir, Path.Combine(dir, "Dockerfile"));
                inputs.Contexts[name] = new LocalContext(name, dir, ignore is null ? null : ignore.IsExcluded, ignore is null ? null : ignore.MayIncludeUnder);
            }
        }
        return result;
    }

    private static Command Prune()
    {
        var command = new Command("prune", "Remove build cache");
        var all = new Option<bool>("--all", "-a") { Description = "Remove all build cache, including RUN cache mounts and the context checksum memo" };
        var force = new Option<bool>("--force", "-f") { Description = "Do not prompt for confirmation" };
        var keep = new Option<string?>("--keep-storage") { Description = "Amount of build cache to keep, least recently used removed first (e.g. 10GB)" };
        var filter = new Option<string[]>("--filter") { Description = "Only cache matching: until=DURATION (e.g. until=24h)" };
        foreach (Option o in new Option[] { all, force, keep, filter }) command.Options.Add(o);
        CommandRunner.SetAction(command, async (parse, ct) =>
        {
            TimeSpan? until = null;
            foreach (string f in parse.GetValue(filter) ?? [])
            {
                if (!f.StartsWith("until=", StringComparison.Ordinal))
                    throw new DrydockException(ErrorKind.InvalidArgument, $"invalid --filter '{f}': only until=DURATION is supported");
                until = BuildFlags.Duration(f["until=".Length..]);
            }
            var options = new PruneOptions { All = parse.GetValue(all), Until = until, KeepStorage = parse.GetValue(keep) is { } k ? BuildFlags.ByteSize(k) : null };
            if (!parse.GetValue(force) && !Confirm(options.All ? "This will remove all build cache." : "This will remove all dangling build cache.")) return CommandRunner.Ok;
            DrydockRoot root = GlobalOptions.ResolveRoot(parse);
            var layers = new LayerCache(root);
            var pruner = new BuildCachePruner(new FileCacheStore(root), Rooms.OpenSnapshotter(parse.GetValue(GlobalOptions.Snapshotter), root), root)
            {
                SnapshotRemoved = name => { layers.Forget(name); return ValueTask.CompletedTask; },
            };
            PruneResult result = await pruner.PruneAsync(options, ct);
            long memoBytes = BuildMemo.Clear(root); // remembered builds point at images, not cache, but they are a shortcut the user asked to drop
            foreach (string name in result.RemovedSnapshots) Console.Out.WriteLine($"Deleted build cache object: {name}");
            Console.Out.WriteLine($"Total:\t{Drydock.Core.Images.Display.Units.HumanSize(result.ReclaimedBytes + memoBytes)}");
            return CommandRunner.Ok;
        });
        return command;
    }

    /// <summary>docker's y/N prompt; no answer (end of input) means no.</summary>
    private static bool Confirm(string warning)
    {
        Console.Out.Write($"WARNING! {warning}\nAre you sure you want to continue? [y/N] ");
        return Console.In.ReadLine()?.Trim() is ['y' or 'Y', ..];
    }

    /// <summary>With --debug, how long each phase of a build took and how much code the JIT compiled meanwhile, on stderr.</summary>
    private sealed class PhaseTimer(bool enabled)
    {
        private readonly DateTime _processStart = enabled ? System.Diagnostics.Process.GetCurrentProcess().StartTime : default;
        private long _last = System.Diagnostics.Stopwatch.GetTimestamp();

        public void Mark(string phase)
        {
            if (!enabled) return;
            long now = System.Diagnostics.Stopwatch.GetTimestamp();
            Console.Error.WriteLine($"drydock: {phase}: {System.Diagnostics.Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds:0.0} ms (since start {(DateTime.Now - _processStart).TotalMilliseconds:0} ms, {System.Runtime.JitInfo.GetCompiledMethodCount()} methods JIT-compiled in {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:0} ms)");
            _last = System.Diagnostics.Stopwatch.GetTimestamp();
        }
    }
}

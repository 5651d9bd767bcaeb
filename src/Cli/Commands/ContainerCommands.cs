using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Drydock.Cli.Composition;
using Drydock.Containers;
using Drydock.Containers.Ps;
using Drydock.Containers.Running;
using Drydock.Containers.Spec;
using Drydock.Containers.Store;
using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Runtime;

namespace Drydock.Cli.Commands;

/// <summary>run, ps, stop, kill, rm, logs, and the hidden container-shim that supervises detached containers.</summary>
internal static class ContainerCommands
{
    public static void AddTo(Command root)
    {
        root.Subcommands.Add(Run());
        root.Subcommands.Add(Ps());
        root.Subcommands.Add(Stop());
        root.Subcommands.Add(Kill());
        root.Subcommands.Add(Rm());
        root.Subcommands.Add(Logs());
        root.Subcommands.Add(Shim());
    }

    private static Command Ps()
    {
        Option<bool> all = new("--all", "-a") { Description = "Show all containers (default shows just running)" };
        Option<bool> quiet = new("--quiet", "-q") { Description = "Only display container IDs" };
        Option<bool> noTrunc = new("--no-trunc") { Description = "Don't truncate output" };
        Option<string?> format = new("--format") { Description = "Format output: 'table', 'table TEMPLATE', 'json', or a TEMPLATE of {{.ID}} {{.Image}} {{.Command}} {{.CreatedAt}} {{.RunningFor}} {{.Ports}} {{.State}} {{.Status}} {{.Names}}" };
        Command ps = new("ps", "List containers") { all, quiet, noTrunc, format };
        CommandRunner.SetAction(ps, async (parse, ct) =>
        {
            ContainerEngine engine = CreateEngine(parse);
            await engine.CleanUpAsync(ct);
            var records = new List<ContainerRecord>();
            await foreach (ContainerRecord r in engine.Store.ListAsync(ct))
                if (parse.GetValue(all) || r.Status == ContainerStatus.Running) records.Add(r);
            string? f = parse.GetValue(format);
            if (f == "table") f = null;
            Console.Out.Write(PsFormatter.Format(records, parse.GetValue(quiet), parse.GetValue(noTrunc), f, DateTimeOffset.UtcNow));
            return CommandRunner.Ok;
        });
        return ps;
    }

    private static Command Stop()
    {
        Option<int?> time = new("--timeout", "-t", "--time") { Description = "Seconds to wait before killing the container (default 10)" };
        Argument<string[]> names = new("CONTAINER") { Arity = ArgumentArity.OneOrMore };
        Command stop = new("stop", "Stop one or more running containers: the image's stop signal (default SIGTERM), then SIGKILL") { time, names };
        CommandRunner.SetAction(stop, (parse, ct) => ForEachAsync(parse, names, async (engine, name) =>
            await engine.StopAsync(name, TimeSpan.FromSeconds(parse.GetValue(time) ?? 10), ct), ct));
        return stop;
    }

    private static Command Kill()
    {
        Option<string> signal = new("--signal", "-s") { Description = "Signal to send to the container", DefaultValueFactory = _ => "KILL" };
        Argument<string[]> names = new("CONTAINER") { Arity = ArgumentArity.OneOrMore };
        Command kill = new("kill", "Kill one or more running containers") { signal, names };
        CommandRunner.SetAction(kill, (parse, ct) =>
        {
            int number = Signals.Parse(parse.GetValue(signal)!);
            return ForEachAsync(parse, names, async (engine, name) => await engine.KillAsync(name, number, ct), ct);
        });
        return kill;
    }

    private static Command Rm()
    {
        Option<bool> force = new("--force", "-f") { Description = "Force the removal of a running container (uses SIGKILL)" };
        Argument<string[]> names = new("CONTAINER") { Arity = ArgumentArity.OneOrMore };
        Command rm = new("rm", "Remove one or more containers and their filesystems") { force, names };
        CommandRunner.SetAction(rm, (parse, ct) => ForEachAsync(parse, names, async (engine, name) =>
        {
            try
            {
                await engine.RemoveAsync(name, parse.GetValue(force), ct);
            }
            catch (DrydockException e) when (e.Kind == ErrorKind.NotFound && parse.GetValue(force))
            {
                // docker's rm -f: a container that is already gone is not an error
            }
        }, ct));
        return rm;
    }

    private static Command Logs()
    {
        Option<bool> follow = new("--follow", "-f") { Description = "Follow log output until the container exits" };
        Option<string> tail = new("--tail", "-n") { Description = "Number of lines to show from the end of the logs, or 'all'", DefaultValueFactory = _ => "all" };
        Argument<string> name = new("CONTAINER");
        Command logs = new("logs", "Fetch the logs of a detached container") { follow, tail, name };
        CommandRunner.SetAction(logs, async (parse, ct) =>
        {
            string t = parse.GetValue(tail)!;
            int? lines = t == "all" ? null
                : int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n
                : throw new DrydockException(ErrorKind.InvalidArgument, $"invalid value for --tail: '{t}': use a number or 'all'");
            await using Stream stdout = Console.OpenStandardOutput();
            await using Stream stderr = Console.OpenStandardError();
            await CreateEngine(parse).LogsAsync(parse.GetValue(name)!, parse.GetValue(follow), lines, stdout, stderr, ct);
            return CommandRunner.Ok;
        });
        return logs;
    }

    private static Command Shim()
    {
        Argument<string> id = new("ID");
        Command shim = new("container-shim", "Supervise a detached container (started by 'drydock run -d')") { id };
        shim.Hidden = true;
        CommandRunner.SetAction(shim, async (parse, ct) => await CreateEngine(parse).SuperviseAsync(parse.GetValue(id)!, ct));
        return shim;
    }

    /// <summary>docker's multi-container commands: print each name that worked, report each that did not, exit 1 if any failed.</summary>
    private static async Task<int> ForEachAsync(ParseResult parse, Argument<string[]> names, Func<ContainerEngine, string, Task> action, CancellationToken ct)
    {
        ContainerEngine engine = CreateEngine(parse);
        await engine.CleanUpAsync(ct);
        int exit = CommandRunner.Ok;
        foreach (string name in parse.GetValue(names)!)
        {
            try
            {
                await action(engine, name);
                Console.Out.WriteLine(name);
            }
            catch (DrydockException e)
            {
                exit = CommandRunner.Report(e, parse.GetValue(GlobalOptions.Debug)) == CommandRunner.Usage ? CommandRunner.Usage : CommandRunner.Failure;
            }
        }
        return exit;
    }

    // ---- run ----

    private static readonly Option<bool> s_rm = new("--rm") { Description = "Automatically remove the container and its filesystem when it exits" };
    private static readonly Option<bool> s_interactive = new("--interactive", "-i") { Description = "Keep STDIN open (otherwise the container reads /dev/null)" };
    private static readonly Option<bool> s_tty = new("--tty", "-t") { Description = "Allocate a pseudo-TTY" };
    private static readonly Option<bool> s_detach = new("--detach", "-d") { Description = "Run the container in the background and print its ID" };
    private static readonly Option<string?> s_name = new("--name") { Description = "Assign a name to the container" };
    private static readonly Option<string[]> s_env = new("--env", "-e") { Description = "Set environment variables (K=V, or K to pass the caller's value)" };
    private static readonly Option<string[]> s_envFile = new("--env-file") { Description = "Read in a file of environment variables" };
    private static readonly Option<string[]> s_volume = new("--volume", "-v") { Description = "Bind mount a host path: SRC:DST[:ro]" };
    private static readonly Option<string[]> s_tmpfs = new("--tmpfs") { Description = "Mount a tmpfs: DST[:OPTIONS] (noexec,nosuid,nodev by default)" };
    private static readonly Option<string?> s_workdir = new("--workdir", "-w") { Description = "Working directory inside the container" };
    private static readonly Option<string?> s_user = new("--user", "-u") { Description = "Username or UID (format: <name|uid>[:<group|gid>])" };
    private static readonly Option<string?> s_entrypoint = new("--entrypoint") { Description = "Overwrite the default ENTRYPOINT of the image (and reset its CMD)" };
    private static readonly Option<string?> s_hostname = new("--hostname", "-h") { Description = "Container host name (default: the first 12 characters of its ID)" };
    private static readonly Option<string> s_network = new("--network", "--net")
    {
        Description = "none: a private network namespace with only loopback, up (the default until Drydock has a bridge); host: the host's network",
        DefaultValueFactory = _ => "none",
    };
    private static readonly Option<string?> s_memory = new("--memory", "-m") { Description = "Memory limit (e.g. 512m, 1g), enforced by the OOM killer" };
    private static readonly Option<double?> s_cpus = new("--cpus") { Description = "Number of CPUs (CFS quota)" };
    private static readonly Option<long?> s_pidsLimit = new("--pids-limit") { Description = "Limit the number of processes in the container" };
    private static readonly Option<bool> s_readOnly = new("--read-only") { Description = "Mount the container's root filesystem as read only" };
    private static readonly Option<string[]> s_capAdd = new("--cap-add") { Description = "Add Linux capabilities (or ALL)" };
    private static readonly Option<string[]> s_capDrop = new("--cap-drop") { Description = "Drop Linux capabilities (or ALL)" };
    private static readonly Option<bool> s_privileged = new("--privileged") { Description = "Give all capabilities and no masked /proc paths" };
    private static readonly Option<bool> s_init = new("--init") { Description = "Run a minimal init as PID 1 that forwards signals and reaps processes" };
    private static readonly Option<string?> s_runtime = new("--runtime") { Description = "Path (or name on $PATH) of an OCI runtime such as runc or crun, instead of the bundled one" };

    private static Command Run()
    {
        // optional to the parser so that a missing image gets docker's message and exit code from ParseRun
        Argument<string?> image = new("IMAGE") { Arity = ArgumentArity.ZeroOrOne };
        Argument<string[]> command = new("COMMAND") { Arity = ArgumentArity.ZeroOrMore, Description = "Command and arguments (default: the image's ENTRYPOINT and CMD)" };
        Command run = new("run", "Create and run a new container from an image. Exit status: the command's, or 125 (drydock failed), 126 (cannot execute), 127 (not found)")
        {
            s_rm, s_interactive, s_tty, s_detach, s_name, s_env, s_envFile, s_volume, s_tmpfs, s_workdir, s_user, s_entrypoint, s_hostname,
            s_network, s_memory, s_cpus, s_pidsLimit, s_readOnly, s_capAdd, s_capDrop, s_privileged, s_init, s_runtime, image, command,
        };
        // docker stops reading flags at the image: what follows belongs to the container's command
        run.TreatUnmatchedTokensAsErrors = false;
        CommandRunner.SetAction(run, async (parse, ct) =>
        {
            try
            {
                (ParseResult flags, RunOptions options) = ParseRun(parse, run);
                ContainerEngine engine = CreateEngine(flags);
                return await engine.RunAsync(options, r => { if (options.Detach) Console.Out.WriteLine(r.Id); }, ct);
            }
            catch (DrydockException e) when (e is not ContainerExitException)
            {
                throw new ContainerExitException(e.Kind, e.Message, ContainerExitException.DrydockFailed, e);
            }
        });
        return run;
    }

    /// <summary>
    /// Splits the tokens at the image, reparses only what comes before it (so a container argument such as
    /// "ls -t" is never taken for a flag of ours), and keeps what follows verbatim.
    /// </summary>
    private static (ParseResult, RunOptions) ParseRun(ParseResult parse, Command run)
    {
        IReadOnlyList<Token> tokens = parse.Tokens;
        int runAt = -1;
        for (int i = 0; i < tokens.Count && runAt < 0; i++) if (tokens[i].Type == TokenType.Command && tokens[i].Value == run.Name) runAt = i;
        var options = run.Options.Concat(parse.RootCommandResult.Command.Options.Where(o => o.Recursive)).ToList();
        int imageAt = -1;
        for (int i = runAt + 1; i < tokens.Count && imageAt < 0; i++)
        {
            string v = tokens[i].Value;
            if (v == "--") { imageAt = i + 1; break; }
            Option? o = options.FirstOrDefault(o => o.Name == v || o.Aliases.Contains(v));
            if (o is null) { if (v.StartsWith('-') && v.Length > 1) throw UnknownFlag(v); imageAt = i; break; }
            // a flag's value is the next token (the parser splits "--name=x" in two); a boolean flag takes one only if it is true or false
            bool isBool = o.ValueType == typeof(bool);
            if (o.Arity.MaximumNumberOfValues > 0 && (!isBool || (i + 1 < tokens.Count && bool.TryParse(tokens[i + 1].Value, out _)))) i++;
        }
        if (imageAt < 0 || imageAt >= tokens.Count)
            throw new DrydockException(ErrorKind.InvalidArgument, "'drydock run' requires at least 1 argument: drydock run [OPTIONS] IMAGE [COMMAND] [ARG...]");
        string[] head = [.. tokens.Take(imageAt).Where(t => t.Value != "--").Select(t => t.Value), tokens[imageAt].Value];
        ParseResult flags = parse.RootCommandResult.Command.Parse(head);
        if (flags.Errors.Count > 0) throw new DrydockException(ErrorKind.InvalidArgument, flags.Errors[0].Message);
        if (flags.UnmatchedTokens.Count > 0) throw UnknownFlag(flags.UnmatchedTokens[0]);

        string network = flags.GetValue(s_network)!;
        string? memory = flags.GetValue(s_memory);
        double? cpus = flags.GetValue(s_cpus);
        long? pids = flags.GetValue(s_pidsLimit);
        if (cpus is <= 0) throw new DrydockException(ErrorKind.InvalidArgument, $"invalid argument \"{cpus}\" for \"--cpus\" flag: must be positive");
        if (pids is 0 or < -1) throw new DrydockException(ErrorKind.InvalidArgument, $"invalid argument \"{pids}\" for \"--pids-limit\" flag: must be positive, or -1 for unlimited");
        string[] capAdd = flags.GetValue(s_capAdd) ?? [], capDrop = flags.GetValue(s_capDrop) ?? [];
        Capabilities.Apply(capAdd, capDrop);
        return (flags, new RunOptions
        {
            Image = tokens[imageAt].Value,
            Command = [.. tokens.Skip(imageAt + 1).Select(t => t.Value)],
            Remove = flags.GetValue(s_rm),
            Interactive = flags.GetValue(s_interactive),
            Tty = flags.GetValue(s_tty),
            Detach = flags.GetValue(s_detach),
            Name = flags.GetValue(s_name),
            Env = flags.GetValue(s_env) ?? [],
            EnvFiles = flags.GetValue(s_envFile) ?? [],
            Volumes = flags.GetValue(s_volume) ?? [],
            Tmpfs = flags.GetValue(s_tmpfs) ?? [],
            WorkingDir = flags.GetValue(s_workdir),
            User = flags.GetValue(s_user),
            Entrypoint = flags.GetValue(s_entrypoint),
            Hostname = flags.GetValue(s_hostname),
            Network = network switch
            {
                "none" => NetworkMode.None,
                "host" => NetworkMode.Host,
                _ => throw new DrydockException(ErrorKind.Unsupported,
                    $"network mode '{network}' is not supported: use none (a private network namespace with loopback, the default until Drydock has a bridge) or host"),
            },
            MemoryBytes = memory is null ? null : ByteSize.Parse(memory, "--memory"),
            Cpus = cpus,
            PidsLimit = pids is -1 ? null : pids,
            ReadOnly = flags.GetValue(s_readOnly),
            CapAdd = capAdd,
            CapDrop = capDrop,
            Privileged = flags.GetValue(s_privileged),
            Init = flags.GetValue(s_init),
            Runtime = flags.GetValue(s_runtime),
        });
    }

    private static DrydockException UnknownFlag(string flag)
        => new(ErrorKind.InvalidArgument, $"unknown flag: {flag}: see 'drydock run --help'");

    // ---- composition ----

    private static ContainerEngine CreateEngine(ParseResult parse) => new(CreateServices(parse));

    private static ContainerServices CreateServices(ParseResult parse) => Rooms.Containers(parse, GlobalOptions.ResolveRoot(parse));
}

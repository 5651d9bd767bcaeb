using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Drydock.Core;
using Drydock.Runtime.Linux.Cgroups;
using Drydock.Runtime.Oci;

namespace Drydock.Runtime.Cli;

/// <summary>
/// The commands. Exit codes: `run` returns the container's; errors 1, usage errors 2. Synchronous throughout: the
/// CLI has one thing to wait for at a time, and each async state machine on the start path would be JIT-compiled
/// at every start (ReadyToRun does not precompile their generic builder instantiations).
/// </summary>
internal static class RuntimeCommands
{
    private const string DefaultRoot = "/run/drydock-runtime";
    private static string? s_log;
    private static bool s_logJson;
    private static bool s_debug;

    private const string Help = """
        usage: drydock-runtime [--root DIR] [--log FILE] [--log-format text|json] [--debug] COMMAND [OPTIONS] ID

        commands:
          create  --bundle DIR [--pid-file FILE] [--console-socket SOCKET] ID    create a container, stopped before its process runs
          start   ID                                                             run a created container's process
          run     [--bundle DIR] [--pid-file FILE] [--console-socket SOCKET] [-d] ID   create and start; exits with the process's code
          state   ID                                                             print the runtime-spec state as JSON
          kill    ID [SIGNAL]                                                    send a signal (default SIGTERM)
          delete  [--force] ID                                                   remove a stopped container (--force kills it first)
          list    [--format table|json] [-q]                                     list containers
        """;

    public static int Run(string[] args)
    {
        int i = 0;
        string root = DefaultRoot;
        for (; i < args.Length && args[i].StartsWith('-'); i++)
        {
            (string name, string? value) = Split(args[i]);
            switch (name)
            {
                case "root": root = value ?? Next(args, ref i, name); break;
                case "log": s_log = value ?? Next(args, ref i, name); break;
                case "log-format": s_logJson = (value ?? Next(args, ref i, name)) == "json"; break;
                case "debug": s_debug = true; break;
                case "systemd-cgroup": throw new DrydockException(ErrorKind.Unsupported, "--systemd-cgroup is not supported: drydock-runtime manages cgroupfs directly");
                case "help" or "h":
                    Console.Out.WriteLine(Help);
                    return 0;
                case "version" or "v":
                    Console.Out.WriteLine("drydock-runtime version 0.1.0\nspec: 1.2.0");
                    return 0;
                default: throw Arguments.Usage($"unknown global option '{args[i]}'\n{Help}");
            }
        }
        if (i >= args.Length) throw Arguments.Usage("a command is required\n" + Help);
        string command = args[i];
        ReadOnlySpan<string> rest = args.AsSpan(i + 1);
        var store = new StateStore(root);
        return command switch
        {
            "create" => CreateOrRun(store, Arguments.Parse(rest, s_runValued, s_runFlags, s_runAliases, command), command, create: true),
            "run" => CreateOrRun(store, Arguments.Parse(rest, s_runValued, s_runFlags, s_runAliases, command), command, create: false),
            "start" => Start(store, rest),
            "state" => State(store, rest),
            "kill" => Kill(store, rest),
            "delete" => Delete(store, rest),
            "list" => List(store, rest),
            _ => throw Arguments.Usage($"unknown command '{command}'\n{Help}"),
        };
    }

    private static (string, string?) Split(string arg)
    {
        string name = arg.TrimStart('-');
        int eq = name.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (name, null) : (name[..eq], name[(eq + 1)..]);
    }

    private static string Next(string[] args, ref int i, string name)
        => ++i < args.Length ? args[i] : throw Arguments.Usage($"option '--{name}' needs a value");

    private static readonly string[] s_runValued = ["bundle", "pid-file", "console-socket"];
    private static readonly string[] s_runFlags = ["detach", "no-pivot", "no-new-keyring", "keep"];
    private static readonly Dictionary<string, string> s_runAliases = new() { ["b"] = "bundle", ["d"] = "detach" };

    private static int CreateOrRun(StateStore store, Arguments a, string command, bool create)
    {
        if (a.Has("no-pivot")) throw new DrydockException(ErrorKind.Unsupported, "--no-pivot is not supported: drydock-runtime always uses pivot_root");
        if (a.Has("keep")) throw new DrydockException(ErrorKind.Unsupported, "--keep is not supported");
        string id = a.Id(command);
        string bundle = Path.GetFullPath(a.Get("bundle") ?? ".");
        bool detach = create || a.Has("detach");
        var runtime = new LinuxContainerRuntime(store.Root);
        using var primer = CgroupAttachPrimer.Start(runtime.InitPath);
        var io = new ProcessIO { ConsoleSocket = a.Get("console-socket") };
        IContainerProcess process = runtime.StartBundleAsync(id, bundle, io,
            new LinuxContainerRuntime.LaunchOptions(Detach: detach, CreateOnly: create), CancellationToken.None).AsTask().GetAwaiter().GetResult();
        if (a.Get("pid-file") is { } pidFile) WritePidFile(pidFile, process.Pid);
        if (detach) return 0;
        try
        {
            // the container's exit, not ours, ends `run`: terminal and CI signals go to the container
            PosixSignal[] forwarded = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT];
            var registrations = new List<PosixSignalRegistration>(forwarded.Length);
            foreach (PosixSignal signal in forwarded)
            {
                registrations.Add(PosixSignalRegistration.Create(signal, c =>
                {
                    c.Cancel = true;
                    process.Signal(Signals.Number(c.Signal));
                }));
            }
            try
            {
                return process.WaitAsync().GetAwaiter().GetResult();
            }
            finally
            {
                foreach (PosixSignalRegistration r in registrations) r.Dispose();
            }
        }
        finally
        {
            process.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static void WritePidFile(string path, int pid)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, pid.ToString(CultureInfo.InvariantCulture));
        File.Move(temp, path, overwrite: true);
    }

    private static int Start(StateStore store, ReadOnlySpan<string> args)
    {
        Arguments a = Arguments.Parse(args, [], [], new Dictionary<string, string>(), "start");
        store.Start(a.Id("start"));
        return 0;
    }

    private static int State(StateStore store, ReadOnlySpan<string> args)
    {
        Arguments a = Arguments.Parse(args, [], [], new Dictionary<string, string>(), "state");
        OciState state = store.Read(a.Id("state"));
        Console.Out.WriteLine(JsonSerializer.Serialize(state, OciRuntimeJsonContext.Default.OciState));
        return 0;
    }

    private static int Kill(StateStore store, ReadOnlySpan<string> args)
    {
        Arguments a = Arguments.Parse(args, [], ["all"], new Dictionary<string, string> { ["a"] = "all" }, "kill");
        string id = a.Id("kill");
        int signal = a.Positionals.Count > 1 ? Signals.Parse(a.Positionals[1]) : 15;
        store.Kill(id, signal);
        return 0;
    }

    private static int Delete(StateStore store, ReadOnlySpan<string> args)
    {
        Arguments a = Arguments.Parse(args, [], ["force"], new Dictionary<string, string> { ["f"] = "force" }, "delete");
        store.Delete(a.Id("delete"), a.Has("force"));
        return 0;
    }

    private static int List(StateStore store, ReadOnlySpan<string> args)
    {
        Arguments a = Arguments.Parse(args, ["format"], ["quiet"], new Dictionary<string, string> { ["q"] = "quiet", ["f"] = "format" }, "list");
        List<OciState> states = [.. store.List()];
        if (a.Has("quiet"))
        {
            foreach (OciState s in states) Console.Out.WriteLine(s.Id);
        }
        else if (a.Get("format") == "json")
        {
            Console.Out.WriteLine(JsonSerializer.Serialize<IReadOnlyList<OciState>>(states, OciRuntimeJsonContext.Default.IReadOnlyListOciState));
        }
        else if (a.Get("format") is null or "table")
        {
            Console.Out.WriteLine($"{"ID",-24} {"PID",-8} {"STATUS",-10} BUNDLE");
            foreach (OciState s in states) Console.Out.WriteLine($"{s.Id,-24} {s.Pid,-8} {s.Status,-10} {s.Bundle}");
        }
        else throw Arguments.Usage($"list: unknown format '{a.Get("format")}': use table or json");
        return 0;
    }

    public static void Report(DrydockException e)
    {
        string message = Message(e);
        Console.Error.WriteLine("drydock-runtime: " + message);
        if (s_debug) Console.Error.WriteLine(e);
        if (s_log is null) return;
        try
        {
            string line = s_logJson
                ? $"{{\"level\":\"error\",\"msg\":{JsonSerializer.Serialize(message, OciRuntimeJsonContext.Default.String)},\"time\":\"{DateTimeOffset.UtcNow:O}\"}}"
                : $"time=\"{DateTimeOffset.UtcNow:O}\" level=error msg=\"{message}\"";
            File.AppendAllText(s_log, line + "\n");
        }
        catch (IOException)
        {
        }
    }

    private static string Message(Exception e)
    {
        var parts = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException) parts.Add(x.Message);
        return string.Join(": ", parts);
    }
}

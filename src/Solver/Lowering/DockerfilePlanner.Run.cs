using Drydock.Core;
using Drydock.Parser;
using Drydock.Parser.Instructions;
using Drydock.Solver.Build;
using Drydock.Solver.Graph;
using Drydock.Solver.Ops;
using MountSpec = Drydock.Parser.Instructions.RunMount;
using RunMount = Drydock.Solver.Ops.RunMount;

namespace Drydock.Solver.Lowering;

public sealed partial class DockerfilePlanner
{
    private async Task LowerRunAsync(StageState state, RunInstruction run, CancellationToken ct)
    {
        var inputs = new List<Vertex>();
        if (state.Head is { } head) inputs.Add(head);
        var mounts = new List<RunMount>();
        IReadOnlyList<string> args;
        if (ShebangScript(run) is { } script)
        {
            // as BuildKit does: the script becomes an executable file and is run itself, so its #! picks the interpreter
            string path = "/dev/pipes/" + script.Name;
            mounts.Add(new RunMount("heredoc", path) { Content = script.Body, ReadOnly = true });
            args = [path];
        }
        else args = RunArgs(state, run);
        foreach (MountSpec spec in run.Mounts)
            mounts.Add(await LowerMountAsync(state, run, spec, inputs, ct).ConfigureAwait(false));
        string network = run.Network ?? _request.Network;
        if (network is not ("default" or "none" or "host")) throw Error(run, $"RUN --network={network} is not supported: use default, none or host");
        if (run.Security is { } security && security != "sandbox") throw Error(run, $"RUN --security={security} is not supported");
        var op = new ExecOp(args, RunEnv(state), state.WorkingDir, state.Config.User ?? "", network, mounts) { Root = state.Head is null ? null : 0 };
        var vertex = new Vertex(op, [.. inputs], Info(state, run, DisplayName(run)));
        string argsPrefix = state.Args.Count == 0 ? "" : $"|{state.Args.Count} {string.Join(' ', state.Args.Select(a => $"{a.Key}={a.Value}"))} ";
        state.Steps.Add(new PlannedStep($"RUN {argsPrefix}{string.Join(' ', args)} # buildkit", state.Head, vertex));
        state.Head = vertex;
    }

    /// <summary>Exec form as written; shell form through SHELL; a heredoc that is the whole command becomes the script.</summary>
    private static IReadOnlyList<string> RunArgs(StageState state, RunInstruction run)
    {
        if (!run.PrependShell) return run.CommandLine;
        string script = run.CommandLine.Count > 0 ? run.CommandLine[0] : "";
        if (run.Heredocs.Count > 0 && IsHeredocCommand(script)) return [.. state.Shell, run.Heredocs[0].Body];
        // other heredocs are handed to the shell, which reads them itself
        foreach (Heredoc h in run.Heredocs) script += "\n" + h.Body + h.Name;
        return [.. state.Shell, script];
    }

    /// <summary>The heredoc that is the whole command when it starts with "#!", else null.</summary>
    private static Heredoc? ShebangScript(RunInstruction run)
        => run.PrependShell && run.Heredocs.Count > 0 && run.CommandLine.Count > 0 && IsHeredocCommand(run.CommandLine[0])
            && run.Heredocs[0].Body.StartsWith("#!", StringComparison.Ordinal) ? run.Heredocs[0] : null;

    /// <summary>"&lt;&lt;EOF" or "&lt;&lt;-'EOF'" alone: the heredoc is the script itself.</summary>
    private static bool IsHeredocCommand(string command) => HeredocCommand().IsMatch(command.Trim());

    [System.Text.RegularExpressions.GeneratedRegex(@"^<<-?(['""]?)[A-Za-z_][A-Za-z0-9_]*\1$")]
    private static partial System.Text.RegularExpressions.Regex HeredocCommand();

    /// <summary>ENV of the stage, then the declared build args ENV does not override (visible to RUN, never persisted).</summary>
    private static IReadOnlyList<string> RunEnv(StageState state)
    {
        var env = state.Env.ToList();
        var names = env.Select(e => e[..Math.Max(0, e.IndexOf('=', StringComparison.Ordinal))]).ToHashSet(StringComparer.Ordinal);
        foreach (var a in state.Args) if (!names.Contains(a.Key)) env.Add($"{a.Key}={a.Value}");
        if (!env.Any(e => e.StartsWith("PATH=", StringComparison.Ordinal))) env.Insert(0, "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        return env;
    }

    private async Task<RunMount> LowerMountAsync(StageState state, RunInstruction run, MountSpec spec, List<Vertex> inputs, CancellationToken ct)
    {
        string type = spec.Type.ToString().ToLowerInvariant();
        string target = spec.Target is { } t ? AbsoluteIn(state, Expand(state, run, t)) : "";
        if (target.Length == 0 && type != "secret") throw Error(run, $"RUN --mount type={type} needs a target");
        var mount = new RunMount(type, target)
        {
            Source = spec.Source is { } s ? Expand(state, run, s) : null,
            ReadOnly = spec.ReadOnly,
            CacheId = type == "cache" ? spec.Id : null,
            SecretId = type == "secret" ? spec.Id : null,
            Sharing = type == "cache" ? spec.Sharing.ToString().ToLowerInvariant() : null,
            Mode = spec.Mode is { } mode ? Convert.ToString(mode, 8) : null,
            Uid = spec.Uid,
            Gid = spec.Gid,
            Required = spec.Required,
            Size = spec.Size,
            Env = spec.Env,
        };
        if (type is "ssh") throw Error(run, "RUN --mount=type=ssh is not supported: there is no SSH agent forwarding in Drydock builds");
        if (type is not ("bind" or "cache" or "tmpfs" or "secret")) throw Error(run, $"unknown RUN --mount type '{type}'");
        if (type == "secret" && mount.SecretId is null) throw Error(run, "RUN --mount=type=secret needs id= or target=");
        if (spec.From is { } from)
        {
            var (vertex, context) = await ResolveFromAsync(state, run, Expand(state, run, from), ct).ConfigureAwait(false);
            if (vertex is not null)
            {
                inputs.Add(vertex);
                return mount with { Input = inputs.Count - 1 };
            }
            return mount with { Context = context };
        }
        return type == "bind" ? mount with { Context = BuildInputs.MainContext } : mount;
    }

    /// <summary>
    /// What --from= / from= names: an earlier stage (by name or index), a named context (directory or image),
    /// or an image in the local store. Returns the vertex to read, or the local context's name.
    /// </summary>
    private async Task<(Vertex? Vertex, string? Context)> ResolveFromAsync(StageState state, Instruction at, string from, CancellationToken ct)
    {
        if (_request.ImageContexts.ContainsKey(from))
        {
            var image = await ResolveImageAsync(at, from, ct).ConfigureAwait(false);
            return (ImageVertex(state, at, from, image), null);
        }
        if (FindStage(from) is { } index)
        {
            if (index == state.Index) throw Error(at, $"stage '{from}' cannot read from itself");
            StageState other = await LowerStageAsync(index, ct).ConfigureAwait(false);
            return other.Head is { } head ? (head, null) : throw Error(at, $"stage '{from}' is empty: there is nothing to copy from it");
        }
        if (from is not BuildInputs.MainContext && IsLocalContext?.Invoke(from) == true) return (null, from);
        var resolved = await ResolveImageAsync(at, from, ct).ConfigureAwait(false);
        return (ImageVertex(state, at, from, resolved), null);
    }

    /// <summary>Whether a --from name is a local named context (--build-context NAME=DIR); set by the caller.</summary>
    public Func<string, bool>? IsLocalContext { get; init; }

    private static string AbsoluteIn(StageState state, string path)
    {
        if (path.StartsWith('/')) return path;
        string joined = state.WorkingDir.TrimEnd('/') + "/" + path;
        return joined;
    }

}

using System.Globalization;
using Drydock.Core.Oci;
using Drydock.Parser;
using Drydock.Parser.Instructions;
using Drydock.Solver.Build;

namespace Drydock.Solver.Lowering;

public sealed partial class DockerfilePlanner
{
    /// <summary>Instructions that only change the image config: a history entry each, no layer.</summary>
    private void LowerMetadata(StageState state, Instruction instruction)
    {
        string createdBy = instruction switch
        {
            EnvInstruction env => LowerEnv(state, env),
            ArgInstruction arg => LowerArg(state, arg),
            LabelInstruction label => LowerLabel(state, label),
            ExposeInstruction expose => LowerExpose(state, expose),
            VolumeInstruction volume => LowerVolume(state, volume),
            UserInstruction user => LowerUser(state, user),
            CmdInstruction cmd => LowerCmd(state, cmd),
            EntrypointInstruction entrypoint => LowerEntrypoint(state, entrypoint),
            HealthcheckInstruction healthcheck => LowerHealthcheck(state, healthcheck),
            ShellInstruction shell => LowerShell(state, shell),
            StopSignalInstruction stop => LowerStopSignal(state, stop),
            OnbuildInstruction onbuild => LowerOnbuild(state, onbuild),
            MaintainerInstruction maintainer => LowerMaintainer(state, maintainer),
            _ => throw Error(instruction, $"{instruction.GetType().Name} is not supported by the build"),
        };
        state.Steps.Add(new PlannedStep(createdBy, null, null));
    }

    private string LowerEnv(StageState state, EnvInstruction env)
    {
        var parts = new List<string>();
        foreach (var (key, value) in env.Pairs)
        {
            string name = Expand(state, env, key);
            string expanded = Expand(state, env, value);
            state.SetEnv(name, expanded);
            parts.Add($"{name}={expanded}");
        }
        return "ENV " + string.Join(' ', parts);
    }

    private string LowerArg(StageState state, ArgInstruction arg)
    {
        var parts = new List<string>();
        foreach (var (name, defaultValue) in arg.Args.Select(a => (a.Key, a.Value)))
        {
            string? value = _request.BuildArgs.TryGetValue(name, out string? given) ? given
                : defaultValue is not null ? Expand(state, arg, defaultValue)
                : _globalArgs.TryGetValue(name, out string? global) ? global
                : null;
            state.Args.RemoveAll(a => a.Key == name);
            if (value is not null) state.Args.Add(new(name, value));
            parts.Add(value is null ? name : $"{name}={value}");
        }
        return "ARG " + string.Join(' ', parts);
    }

    private string LowerLabel(StageState state, LabelInstruction label)
    {
        var labels = new SortedDictionary<string, string>(new Dictionary<string, string>(state.Config.Labels ?? new Dictionary<string, string>()), StringComparer.Ordinal);
        var parts = new List<string>();
        foreach (var (key, value) in label.Pairs)
        {
            string k = Expand(state, label, key), v = Expand(state, label, value);
            labels[k] = v;
            parts.Add($"{k}={v}");
        }
        state.Config = state.Config with { Labels = labels };
        return "LABEL " + string.Join(' ', parts);
    }

    private string LowerExpose(StageState state, ExposeInstruction expose)
    {
        var ports = new SortedDictionary<string, EmptyObject>(new Dictionary<string, EmptyObject>(state.Config.ExposedPorts ?? new Dictionary<string, EmptyObject>()), StringComparer.Ordinal);
        var added = new List<string>();
        foreach (string p in expose.Ports)
        {
            foreach (string word in Expand(state, expose, p).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string port = word.Contains('/', StringComparison.Ordinal) ? word.ToLowerInvariant() : word + "/tcp";
                if (!int.TryParse(port.Split('/')[0].Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    throw Error(expose, $"invalid containerPort: {word}");
                ports[port] = EmptyObject.Instance;
                added.Add(port);
            }
        }
        state.Config = state.Config with { ExposedPorts = ports };
        return $"EXPOSE map[{string.Join(' ', added.Select(a => a + ":{}"))}]";
    }

    private string LowerVolume(StageState state, VolumeInstruction volume)
    {
        var volumes = new SortedDictionary<string, EmptyObject>(new Dictionary<string, EmptyObject>(state.Config.Volumes ?? new Dictionary<string, EmptyObject>()), StringComparer.Ordinal);
        var added = new List<string>();
        foreach (string v in volume.Volumes)
        {
            string path = Expand(state, volume, v);
            if (path.Length == 0) throw Error(volume, "VOLUME specified can not be an empty string");
            volumes[path] = EmptyObject.Instance;
            added.Add(path);
        }
        state.Config = state.Config with { Volumes = volumes };
        return $"VOLUME [{string.Join(' ', added)}]";
    }

    private string LowerUser(StageState state, UserInstruction user)
    {
        string value = Expand(state, user, user.User);
        state.Config = state.Config with { User = value };
        return "USER " + value;
    }

    private string LowerCmd(StageState state, CmdInstruction cmd)
    {
        IReadOnlyList<string> args = cmd.PrependShell ? [.. state.Shell, .. cmd.CommandLine] : cmd.CommandLine;
        state.Config = state.Config with { Cmd = args };
        state.CmdSet = true;
        return "CMD " + Quote(args);
    }

    private string LowerEntrypoint(StageState state, EntrypointInstruction entrypoint)
    {
        IReadOnlyList<string> args = entrypoint.PrependShell ? [.. state.Shell, .. entrypoint.CommandLine] : entrypoint.CommandLine;
        // docker: ENTRYPOINT resets a CMD inherited from the base, but keeps one set earlier in this stage
        state.Config = state.Config with { Entrypoint = args, Cmd = state.CmdSet ? state.Config.Cmd : null };
        return "ENTRYPOINT " + Quote(args);
    }

    private string LowerHealthcheck(StageState state, HealthcheckInstruction healthcheck)
    {
        HealthConfig config = healthcheck.IsNone
            ? new HealthConfig { Test = ["NONE"] }
            : new HealthConfig
            {
                Test = healthcheck.Test,
                Interval = Nanos(healthcheck.Interval),
                Timeout = Nanos(healthcheck.Timeout),
                StartPeriod = Nanos(healthcheck.StartPeriod),
                StartInterval = Nanos(healthcheck.StartInterval),
                Retries = healthcheck.Retries ?? 0,
            };
        state.Config = state.Config with { Healthcheck = config };
        return healthcheck.Original;
    }

    private static long Nanos(TimeSpan? t) => t is { } v ? v.Ticks * 100 : 0;

    private static string LowerShell(StageState state, ShellInstruction shell)
    {
        state.Config = state.Config with { Shell = shell.Shell };
        return $"SHELL [{string.Join(' ', shell.Shell)}]";
    }

    private string LowerStopSignal(StageState state, StopSignalInstruction stop)
    {
        string signal = Expand(state, stop, stop.Signal);
        state.Config = state.Config with { StopSignal = signal };
        return "STOPSIGNAL " + signal;
    }

    private static string LowerOnbuild(StageState state, OnbuildInstruction onbuild)
    {
        state.Config = state.Config with { OnBuild = [.. state.Config.OnBuild ?? [], onbuild.Expression] };
        return "ONBUILD " + onbuild.Expression;
    }

    private string LowerMaintainer(StageState state, MaintainerInstruction maintainer)
    {
        string name = maintainer.Maintainer;
        state.Author = name;
        return "MAINTAINER " + name;
    }
}

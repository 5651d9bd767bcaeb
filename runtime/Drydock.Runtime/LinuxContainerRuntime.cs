using Drydock.Core;
using Drydock.Runtime.Linux;
using Drydock.Runtime.Linux.Cgroups;
using Drydock.Runtime.Oci;

namespace Drydock.Runtime;

/// <summary>
/// Drydock's own OCI runtime, in process: C# computes the plan (<see cref="RuntimePlan"/>) and drydock-init,
/// a small static C program spawned with posix_spawn, clones into the namespaces, mounts, pivots and execs.
/// Each container has a directory under <see cref="StateRoot"/>; the first start of a runtime instance
/// removes the directories and cgroups that a crashed Drydock left behind.
/// </summary>
public sealed class LinuxContainerRuntime : IContainerRuntime
{
    public const string DefaultStateRoot = "/run/drydock/runtime";

    private int _leftoversRemoved;

    /// <param name="stateRoot">Per-container directories; default <see cref="DefaultStateRoot"/>.</param>
    /// <param name="initPath">drydock-init; default: next to this assembly.</param>
    public LinuxContainerRuntime(string? stateRoot = null, string? initPath = null)
    {
        StateRoot = stateRoot ?? DefaultStateRoot;
        InitPath = initPath ?? Path.Combine(AppContext.BaseDirectory, "drydock-init");
    }

    public string StateRoot { get; }

    public string InitPath { get; }

    public ValueTask<IContainerProcess> StartAsync(ContainerSpec spec, ProcessIO io, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        OciConfig config = OciSpecBuilder.FromContainerSpec(spec, File.Exists(InitPath) ? InitPath : null);
        return StartAsync(spec.Id, config, spec.RootMounts, io, cancellationToken);
    }

    /// <summary>Runs an OCI bundle: its config.json, with its root.path (relative to the bundle) bind-mounted as the root.</summary>
    public ValueTask<IContainerProcess> StartBundleAsync(string id, string bundle, ProcessIO io, CancellationToken cancellationToken = default)
        => StartBundleAsync(id, bundle, io, new LaunchOptions(), cancellationToken);

    internal ValueTask<IContainerProcess> StartBundleAsync(string id, string bundle, ProcessIO io, LaunchOptions options, CancellationToken cancellationToken)
    {
        OciConfig config = OciBundle.ReadConfig(bundle);
        string root = Path.GetFullPath(Path.Combine(bundle, config.Root?.Path ?? throw new DrydockException(ErrorKind.InvalidArgument, $"invalid container config '{Path.Combine(bundle, "config.json")}': root.path is missing")));
        if (!Directory.Exists(root)) throw new DrydockException(ErrorKind.NotFound, $"root filesystem '{root}' of bundle '{bundle}' does not exist");
        return StartAsync(id, config, [Mount.Bind(root, readOnly: false)], io, options with { Bundle = Path.GetFullPath(bundle) }, cancellationToken);
    }

    /// <summary>Runs <paramref name="config"/> on a root made of <paramref name="rootMounts"/> (performed in order).</summary>
    public ValueTask<IContainerProcess> StartAsync(string id, OciConfig config, IReadOnlyList<Mount> rootMounts, ProcessIO io, CancellationToken cancellationToken = default)
        => StartAsync(id, config, rootMounts, io, new LaunchOptions(), cancellationToken);

    // The start path's methods return the innermost task instead of awaiting it: each async method returning a
    // reference type is a state machine ReadyToRun cannot precompile, JIT-compiled at every `drydock run`.
    internal ValueTask<IContainerProcess> StartAsync(string id, OciConfig config, IReadOnlyList<Mount> rootMounts, ProcessIO io, LaunchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(io);
        if (!OperatingSystem.IsLinux()) throw new DrydockException(ErrorKind.Unsupported, "containers run on Linux only");
        return StartOnLinuxAsync(id, config, rootMounts, io, options, cancellationToken);
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private ValueTask<IContainerProcess> StartOnLinuxAsync(string id, OciConfig config, IReadOnlyList<Mount> rootMounts, ProcessIO io, LaunchOptions options, CancellationToken cancellationToken)
    {
        ValidateId(id);
        if (!File.Exists(InitPath)) throw new DrydockException(ErrorKind.FailedPrecondition, $"the runtime's native part '{InitPath}' is missing: rebuild Drydock with a C compiler (gcc) installed");
        if (Interlocked.Exchange(ref _leftoversRemoved, 1) == 0) StateDirectory.RemoveLeftovers(StateRoot);
        StateDirectory state = StateDirectory.Create(StateRoot, id);
        CgroupSet cgroups = CgroupSet.Empty;
        byte[] plan;
        try
        {
            if (options.Bundle is not null) state.RecordBundle(options.Bundle);
            if (options.Detach) state.MarkDetached();
            string? fifo = options.CreateOnly ? state.CreateExecFifo() : null;
            cgroups = CgroupSet.Create(CgroupHost.Current, id, config.Linux?.CgroupsPath, config.Linux?.Resources);
            state.RecordCgroups(cgroups);
            plan = RuntimePlan.From(new LaunchRequest(id, config, rootMounts, state.RootfsDir)
            {
                CgroupProcs = [.. cgroups.ProcsFiles],
                ConsoleSocket = io.ConsoleSocket,
                CgroupMountSources = CgroupMountSources(config, cgroups),
                Detach = options.Detach,
                ExecFifo = fifo,
            }).ToBytes();
        }
        catch
        {
            cgroups.Remove();
            state.Remove();
            throw;
        }
        bool pidNamespace = config.Linux?.Namespaces?.Any(n => n.Type == "pid") == true;
        return SpawnAsync(id, state, cgroups, plan, io, config.Process?.Terminal == true, pidNamespace, cancellationToken);
    }

    /// <summary>Mounts the root on <paramref name="rootfsDir"/> in a private mount namespace and execs another runtime there.</summary>
    internal ValueTask<IContainerProcess> StartHelperAsync(string id, IReadOnlyList<Mount> rootMounts, string rootfsDir,
        IReadOnlyList<string> args, IReadOnlyList<string> env, ProcessIO io, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux()) throw new DrydockException(ErrorKind.Unsupported, "containers run on Linux only");
        if (!File.Exists(InitPath)) throw new DrydockException(ErrorKind.FailedPrecondition, $"the runtime's native part '{InitPath}' is missing: rebuild Drydock with a C compiler (gcc) installed");
        StateDirectory state = StateDirectory.Create(StateRoot, id);
        return SpawnAsync(id, state, CgroupSet.Empty, RuntimePlan.MountAndExec(rootMounts, rootfsDir, args, env).ToBytes(), io, terminal: false, waitForOutput: false, cancellationToken);
    }

    /// <summary>Spawns drydock-init with the plan; on failure removes what the start made (state dir, cgroups).</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private ValueTask<IContainerProcess> SpawnAsync(string id, StateDirectory state, CgroupSet cgroups, byte[] plan, ProcessIO io,
        bool terminal, bool waitForOutput, CancellationToken cancellationToken)
    {
        var pumps = new List<(OutputPump, bool)>();
        InitProcess? init = null;
        try
        {
            if (io.OnOutput is not null && !terminal)
            {
                pumps.Add((OutputPump.Create(), false));
                pumps.Add((OutputPump.Create(), true));
            }
            init = InitProcess.Spawn(InitPath, io.NullStdin, pumps.Count > 0 ? pumps[0].Item1.RemoteFd : -1, pumps.Count > 0 ? pumps[1].Item1.RemoteFd : -1);
            foreach ((OutputPump pump, bool _) in pumps) pump.CloseRemote();
            init.SendPlan(plan);
        }
        catch
        {
            foreach ((OutputPump pump, bool _) in pumps)
            {
                pump.CloseRemote();
                pump.Dispose();
            }
            if (init is not null)
            {
                init.HangUp();
                init.Wait();
                init.Dispose();
            }
            cgroups.Remove();
            state.Remove();
            throw;
        }
        return new ValueTask<IContainerProcess>(ContainerProcess.StartAsync(id, init, state, cgroups, io, pumps, waitForOutput, cancellationToken));
    }

    private static IReadOnlyList<(string, string)> CgroupMountSources(OciConfig config, CgroupSet cgroups)
    {
        if (config.Mounts?.Any(m => m.Type == "cgroup") != true) return [];
        CgroupHost host = CgroupHost.Current;
        string Own(string mount, string ownPath) => cgroups.Directories.FirstOrDefault(d => d.StartsWith(mount + "/", StringComparison.Ordinal))
            ?? Path.Combine(mount, ownPath.TrimStart('/'));
        if (host.IsUnifiedOnly) return [("", Own(host.UnifiedMount!, host.UnifiedOwnPath))];
        var sources = new List<(string, string)>();
        foreach ((string mount, string name, string ownPath) in host.V1Mounts) sources.Add((name, Own(mount, ownPath)));
        if (host.UnifiedMount is { } unified) sources.Add((Path.GetFileName(unified), Own(unified, host.UnifiedOwnPath)));
        return sources;
    }

    /// <summary>How the runtime CLI starts a container: detached (create, run -d), and stopped before exec until `start`.</summary>
    internal sealed record LaunchOptions(bool Detach = false, bool CreateOnly = false, string? Bundle = null);

    internal static void ValidateId(string id)
    {
        if (string.IsNullOrEmpty(id) || id is "." or ".." || id.Length > 1024 || id.Any(c => c is '/' or '\0' || char.IsWhiteSpace(c)))
            throw new DrydockException(ErrorKind.InvalidArgument, $"invalid container id '{id}': use letters, digits, '-', '_' and '.'");
    }
}

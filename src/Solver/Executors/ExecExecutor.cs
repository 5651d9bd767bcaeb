using System.Collections.Immutable;
using System.Text;
using Drydock.Core;
using Drydock.Runtime;
using Drydock.Solver.Cache;
using Drydock.Solver.Graph;
using Drydock.Solver.Ops;
using Drydock.Solver.Scheduling;

namespace Drydock.Solver.Executors;

/// <summary>
/// RUN: prepares an active snapshot on the root input, runs the process in a container on it through the
/// runtime (output to progress, stdin from /dev/null, RUN --mount mounts added), and commits the snapshot
/// when the process exits 0. A non-zero exit fails the step with the command, the exit code and the last
/// output lines; the active snapshot is removed.
/// </summary>
public sealed class ExecExecutor(BuildServices services, BuildInputs inputs) : IOpExecutor
{
    private const int TailLines = 10;

    public ValueTask<CacheMap> GetCacheMapAsync(Vertex vertex, CancellationToken cancellationToken)
        => ValueTask.FromResult(new CacheMap(OpJson.DigestOf(vertex.Op), []));

    public async ValueTask<SnapshotRef> ExecuteAsync(Vertex vertex, ImmutableArray<SnapshotRef> inputs, StepContext context, CancellationToken cancellationToken)
    {
        var op = (ExecOp)vertex.Op;
        SnapshotRef parent = op.Root is { } r ? inputs[r] : SnapshotRef.Empty;
        return await SnapshotWork.WithActiveAsync(services, parent, context, (mounts, ct) => RunAsync(op, mounts, inputs, context, ct), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask RunAsync(ExecOp op, IReadOnlyList<Mount> rootMounts, ImmutableArray<SnapshotRef> snapshots, StepContext context, CancellationToken ct)
    {
        var (uid, gid) = UserSpec.IsNumeric(op.User)
            ? UserSpec.Resolve(op.User, null, null)
            : UserSpec.Resolve(op.User, RootfsFiles.TryRead(rootMounts, "etc/passwd"), RootfsFiles.TryRead(rootMounts, "etc/group"));
        await using var mounts = new RunMounts(services, inputs);
        foreach (RunMount m in op.Mounts) await mounts.AddAsync(m, snapshots, ct).ConfigureAwait(false);
        var tail = new OutputTail(TailLines);
        var spec = new ContainerSpec
        {
            Id = "build-" + context.Key.Digest.Encoded[..12] + "-" + Guid.NewGuid().ToString("N")[..8],
            RootMounts = rootMounts,
            Hostname = "buildkitsandbox",
            Network = op.Network == "none" ? NetworkMode.None : NetworkMode.Host,
            Mounts = mounts.Mounts,
            Process = new ProcessSpec
            {
                Args = op.Args,
                Env = [.. op.Env, .. inputs.ProxyEnv.Where(p => !op.Env.Any(e => e.StartsWith(p[..(p.IndexOf('=', StringComparison.Ordinal) + 1)], StringComparison.Ordinal))), .. mounts.Env],
                Cwd = op.Cwd,
                Uid = uid,
                Gid = gid,
            },
        };
        var io = new ProcessIO
        {
            NullStdin = true,
            OnOutput = (data, stderr) =>
            {
                tail.Add(data.Span);
                context.Log(data.Span, stderr);
            },
        };
        IReadOnlyList<string> mountpoints = MountpointCleanup.Missing(rootMounts, [.. MountpointCleanup.RuntimeTargets, .. mounts.Mounts.Select(m => m.Target)]);
        int exitCode;
        await using (IContainerProcess process = await services.Runtime.StartAsync(spec, io, ct).ConfigureAwait(false))
        {
            exitCode = await process.WaitAsync(ct).ConfigureAwait(false);
        }
        if (exitCode != 0)
        {
            string command = string.Join(' ', op.Args);
            throw new StepFailedException($"process \"{command}\" did not complete successfully: exit code: {exitCode}", exitCode, tail.Lines());
        }
        MountpointCleanup.Remove(rootMounts, mountpoints);
    }

    /// <summary>The last lines of a step's output, kept for the error report.</summary>
    private sealed class OutputTail(int max)
    {
        private readonly Lock _lock = new();
        private readonly StringBuilder _text = new();

        public void Add(ReadOnlySpan<byte> data)
        {
            lock (_lock)
            {
                _text.Append(Encoding.UTF8.GetString(data));
                if (_text.Length > 64 * 1024) _text.Remove(0, _text.Length - 32 * 1024);
            }
        }

        public IReadOnlyList<string> Lines()
        {
            lock (_lock) return _text.ToString().TrimEnd('\n').Split('\n').TakeLast(max).ToList();
        }
    }
}

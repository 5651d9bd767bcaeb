using System.Runtime.InteropServices;
using System.Text.Json;
using Drydock.Containers.Spec;
using Drydock.Containers.Store;
using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Core.Oci;
using Drydock.Runtime;
using Drydock.Snapshotter;

namespace Drydock.Containers.Running;

public sealed partial class ContainerEngine
{
    private static readonly PosixSignal[] s_forwarded = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT, PosixSignal.SIGHUP];

    /// <summary>
    /// `drydock run`: creates the container and runs it in the foreground (returning its exit code), or, with
    /// -d, hands it to a detached supervisor and returns 0 once it runs (<paramref name="started"/> gets the ID).
    /// Failures before the process runs throw <see cref="ContainerExitException"/> with docker's exit codes.
    /// </summary>
    public async Task<int> RunAsync(RunOptions options, Action<ContainerRecord>? started, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        await CleanUpAsync(cancellationToken).ConfigureAwait(false);
        (ContainerRecord record, ContainerSpec spec) = await CreateAsync(options, cancellationToken).ConfigureAwait(false);
        if (options.Detach)
        {
            await WriteSpecAsync(Store.SpecPathOf(record.Id), spec, cancellationToken).ConfigureAwait(false);
            ContainerRecord running = await ContainerShim.StartAsync(this, _services, record, cancellationToken).ConfigureAwait(false);
            started?.Invoke(running);
            return 0;
        }
        return await RunAttachedAsync(record, spec, options, started).ConfigureAwait(false);
    }

    internal async Task<(ContainerRecord, ContainerSpec)> CreateAsync(RunOptions options, CancellationToken cancellationToken)
    {
        ResolvedImage image = await ResolveImageAsync(options.Image, cancellationToken).ConfigureAwait(false);
        string chainId = await _services.Unpack(image, cancellationToken).ConfigureAwait(false);
        ContainerConfig? config = image.Config.Config;
        IReadOnlyList<string> command = ContainerSpecFactory.Args(config, options);
        int stopSignal = string.IsNullOrEmpty(config?.StopSignal) ? Signals.SigTerm : Signals.Parse(config.StopSignal);
        ContainerRecord record = await Store.CreateAsync(options.Name, (id, name) => new ContainerRecord
        {
            Id = id,
            Name = name,
            Image = options.Image,
            ImageId = image.Id.ToString(),
            Command = command,
            Created = Time.GetUtcNow(),
            Owner = ProcessIdentity.Current,
            SnapshotKey = "container-" + id,
            Snapshotter = _services.SnapshotterName,
            AutoRemove = options.Remove,
            Detached = options.Detach,
            StopSignal = stopSignal,
            Runtime = options.Runtime,
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            var labels = new Dictionary<string, string> { ["drydock.container"] = record.Id };
            IReadOnlyList<Mount> mounts = await _services.Snapshotter.Value.PrepareAsync(record.SnapshotKey, chainId,
                new SnapshotOptions { Labels = labels }, cancellationToken).ConfigureAwait(false);
            ContainerSpec spec = await ContainerSpecFactory.BuildAsync(record.Id, config, options, mounts,
                Environment.GetEnvironmentVariable, cancellationToken).ConfigureAwait(false);
            return (record, spec);
        }
        catch
        {
            await RemoveStorageAsync(record, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<ResolvedImage> ResolveImageAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await _services.Images.Value.TryResolveAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new ContainerExitException(ErrorKind.NotFound, $"No such image: {name}", ContainerExitException.DrydockFailed);
        }
        catch (DrydockException e) when (e is not ContainerExitException)
        {
            throw new ContainerExitException(e.Kind, $"failed to read image '{name}'", ContainerExitException.DrydockFailed, e);
        }
    }

    // the foreground: stdio inherited, signals forwarded, and the process's exit code becomes ours
    private async Task<int> RunAttachedAsync(ContainerRecord record, ContainerSpec spec, RunOptions options, Action<ContainerRecord>? started)
    {
        var io = new ProcessIO { NullStdin = !options.Interactive && !options.Tty };
        int exitCode;
        try
        {
            IContainerProcess process = await StartProcessAsync(record, spec, io).ConfigureAwait(false);
            await using (process.ConfigureAwait(false))
            {
                // a loop, not LINQ over the enum: its iterator would be JIT-compiled at every run
                var registrations = new PosixSignalRegistration[s_forwarded.Length];
                for (int i = 0; i < registrations.Length; i++)
                {
                    registrations[i] = PosixSignalRegistration.Create(s_forwarded[i], context =>
                    {
                        context.Cancel = true;
                        process.Signal((int)SignalNumber(context.Signal));
                    });
                }
                try
                {
                    ContainerRecord running = await MarkRunningAsync(record, process, CancellationToken.None).ConfigureAwait(false);
                    started?.Invoke(running);
                    // the container's exit, not our cancellation, ends a foreground run: signals go to the container
                    exitCode = await process.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                }
                finally
                {
                    foreach (PosixSignalRegistration r in registrations) r.Dispose();
                }
            }
        }
        catch (Exception e)
        {
            await FinishAsync(record, (e as ContainerExitException)?.ExitCode, e.Message).ConfigureAwait(false);
            throw;
        }
        await FinishAsync(record, exitCode, null).ConfigureAwait(false);
        return exitCode;
    }

    /// <summary>Starts the process; a start failure becomes docker's 125/126/127.</summary>
    internal async Task<IContainerProcess> StartProcessAsync(ContainerRecord record, ContainerSpec spec, ProcessIO io)
    {
        IContainerRuntime runtime = _services.Runtime(record.Runtime);
        try
        {
            return await runtime.StartAsync(spec, io, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DrydockException e) when (e is not ContainerExitException)
        {
            int code = e.Kind switch
            {
                ErrorKind.NotFound => ContainerExitException.NotFound,
                ErrorKind.PermissionDenied => ContainerExitException.CannotExecute,
                _ => ContainerExitException.DrydockFailed,
            };
            throw new ContainerExitException(e.Kind, $"failed to start container '{record.Name}'", code, e);
        }
    }

    internal async Task<ContainerRecord> MarkRunningAsync(ContainerRecord record, IContainerProcess process, CancellationToken cancellationToken)
        => await Store.UpdateAsync(record.Id, r => r with
        {
            Status = ContainerStatus.Running,
            StartedAt = Time.GetUtcNow(),
            Process = ProcessIdentity.Of(process.Pid),
            Owner = ProcessIdentity.Current,
        }, cancellationToken).ConfigureAwait(false) ?? record;

    /// <summary>Records the exit (or the failure to start) and removes a --rm container.</summary>
    internal async Task FinishAsync(ContainerRecord record, int? exitCode, string? error)
    {
        ContainerRecord? done = await Store.UpdateAsync(record.Id, r => r with
        {
            Status = ContainerStatus.Exited,
            ExitCode = exitCode ?? ContainerExitException.DrydockFailed,
            FinishedAt = Time.GetUtcNow(),
            Process = null,
            Owner = null,
            Error = error,
        }, CancellationToken.None).ConfigureAwait(false);
        if (done is { AutoRemove: true }) await RemoveStorageAsync(done, CancellationToken.None).ConfigureAwait(false);
    }

    // a spec is a few KiB: written and read whole, synchronously, it costs no thread-pool hop on the start path
    internal static ValueTask WriteSpecAsync(string path, ContainerSpec spec, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(spec, ContainersJsonContext.Default.ContainerSpec));
        return ValueTask.CompletedTask;
    }

    internal static ValueTask<ContainerSpec> ReadSpecAsync(string path, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(JsonSerializer.Deserialize(File.ReadAllBytes(path), ContainersJsonContext.Default.ContainerSpec)
            ?? throw new DrydockException(ErrorKind.DataCorrupted, $"failed to read container spec '{path}'"));
    }

    // PosixSignal values are negative and platform-neutral; the container needs Linux numbers
    private static int SignalNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGQUIT => 3,
        PosixSignal.SIGTERM => 15,
        _ => (int)signal,
    };
}

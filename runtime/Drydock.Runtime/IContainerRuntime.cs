namespace Drydock.Runtime;

/// <summary>
/// Runs one container: creates its namespaces, mounts its root filesystem, pivots into it and execs the
/// process. The returned process is running; awaiting <see cref="IContainerProcess.WaitAsync"/> gives its
/// exit code. Disposing a process that is still running kills it and cleans up mounts and cgroups.
/// <code>
/// await using IContainerProcess p = await runtime.StartAsync(spec, ProcessIO.Inherit, ct);
/// int exitCode = await p.WaitAsync(ct);
/// </code>
/// </summary>
public interface IContainerRuntime
{
    ValueTask<IContainerProcess> StartAsync(ContainerSpec spec, ProcessIO io, CancellationToken cancellationToken = default);
}

public interface IContainerProcess : IAsyncDisposable
{
    int Pid { get; }

    /// <summary>Waits for the container's process to exit and returns its exit code (128+signal when killed).</summary>
    Task<int> WaitAsync(CancellationToken cancellationToken = default);

    void Signal(int signal);
}

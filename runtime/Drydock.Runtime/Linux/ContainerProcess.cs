using System.Globalization;
using Drydock.Runtime.Linux.Cgroups;

namespace Drydock.Runtime.Linux;

/// <summary>
/// A container started by <see cref="LinuxContainerRuntime"/>. One long-running thread reads drydock-init's
/// reports for the container's whole life: the start (pid, pty, exec or failure), then the exit; it then
/// reaps drydock-init, removes the cgroups and the state directory, and completes <see cref="WaitAsync"/>.
/// That thread completes every task here, so none of them is an async method: each async state machine on the
/// start path is JIT-compiled at every start (ReadyToRun does not precompile their builder instantiations).
/// A failed or cancelled start is reported only once that cleanup is done.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class ContainerProcess : IContainerProcess
{
    private readonly string _id;
    private readonly InitProcess _init;
    private readonly StateDirectory _state;
    private readonly CgroupSet _cgroups;
    private readonly ProcessIO _io;
    private readonly bool _waitForOutput;
    private readonly TaskCompletionSource<IContainerProcess> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _output = [];
    private TerminalBridge? _terminal;
    private volatile bool _hasExited;
    private Exception? _startFailure;
    private CancellationToken _startCancellation;
    private CancellationTokenRegistration _startCancellationRegistration;

    private ContainerProcess(string id, InitProcess init, StateDirectory state, CgroupSet cgroups, ProcessIO io, bool waitForOutput)
    {
        _id = id;
        _init = init;
        _state = state;
        _cgroups = cgroups;
        _io = io;
        _waitForOutput = waitForOutput;
    }

    public int Pid { get; private set; }

    internal static Task<IContainerProcess> StartAsync(string id, InitProcess init, StateDirectory state, CgroupSet cgroups,
        ProcessIO io, IReadOnlyList<(OutputPump Pump, bool IsStderr)> pumps, bool waitForOutput, CancellationToken cancellationToken)
    {
        var process = new ContainerProcess(id, init, state, cgroups, io, waitForOutput) { _startCancellation = cancellationToken };
        foreach ((OutputPump pump, bool isStderr) in pumps) process._output.Add(pump.PumpAsync(io.OnOutput!, isStderr));
        // registered before the thread that unregisters it starts; an already cancelled token hangs up at once
        process._startCancellationRegistration = cancellationToken.UnsafeRegister(static p => ((ContainerProcess)p!).Kill(), process);
        _ = Task.Factory.StartNew(process.Supervise, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return process._started.Task;
    }

    private void Supervise()
    {
        int code = 255;
        try
        {
            code = ReadUntilExit();
        }
        catch (Exception e)
        {
            _startFailure = e;
        }
        finally
        {
            int initCode = _init.Wait();
            _hasExited = true;
            bool started = _started.Task.IsCompletedSuccessfully;
            if (code == 255 && started) code = initCode;
            _init.Dispose();
            if (_waitForOutput) Task.WaitAll([.. _output, _terminal?.Output ?? Task.CompletedTask], TimeSpan.FromSeconds(5));
            _terminal?.Dispose();
            if (!_state.IsDetached)
            {
                _cgroups.Remove();
                _state.Remove();
            }
            _startCancellationRegistration.Unregister();
            if (!started)
            {
                if (_startCancellation.IsCancellationRequested) _started.TrySetCanceled(_startCancellation);
                else _started.TrySetException(_startFailure ?? new Core.DrydockException(Core.ErrorKind.Unknown, $"failed to start container '{_id}': drydock-init exited with code {initCode} without a report"));
            }
            _exited.TrySetResult(code);
        }
    }

    /// <summary>The process runs: the start is done, unless it was cancelled meanwhile (then the process is killed).</summary>
    private void Started()
    {
        _startCancellationRegistration.Unregister();
        if (_startCancellation.IsCancellationRequested) Kill();
        else _started.TrySetResult(this);
    }

    private int ReadUntilExit()
    {
        while (true)
        {
            (char kind, string text, int fd) = _init.Receive();
            switch (kind)
            {
                case 'P':
                    Pid = int.Parse(text, CultureInfo.InvariantCulture);
                    _state.AddOwner(_init.Pid);
                    _state.RecordPid(Pid);
                    break;
                case 'T':
                    _terminal = TerminalBridge.Start(fd, _io);
                    break;
                case 'X' or 'C':
                    Started();
                    break;
                case 'E':
                    string[] parts = text.Split('\0', 3);
                    _startFailure = new ContainerStartException(_id, parts[0],
                        int.TryParse(parts.ElementAtOrDefault(1), CultureInfo.InvariantCulture, out int errno) ? errno : 0, parts.ElementAtOrDefault(2) ?? "");
                    return 127;
                case 'W':
                    return int.Parse(text, CultureInfo.InvariantCulture);
                case '\0':
                    return 255;
            }
        }
    }

    public Task<int> WaitAsync(CancellationToken cancellationToken = default) => _exited.Task.WaitAsync(cancellationToken);

    public void Signal(int signal)
    {
        if (_hasExited || Pid <= 0) return;
        Interop.Libc.kill(Pid, signal);
    }

    private void Kill()
    {
        if (Pid > 0) Signal(9);
        else _init.HangUp();
    }

    public ValueTask DisposeAsync()
    {
        if (_exited.Task.IsCompleted) return default;
        Kill();
        return new ValueTask(_exited.Task);
    }
}

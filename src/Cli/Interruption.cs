using System.Runtime.InteropServices;

namespace Drydock.Cli;

/// <summary>
/// Ctrl-C and SIGTERM for a command run outside System.CommandLine's invocation: the first signal cancels
/// <see cref="Token"/> (the command cleans up and exits 130 as an interrupted command does), a second one takes
/// its default action and ends the process at once. Nothing is registered until <see cref="Arm"/>: registering
/// starts the runtime's signal thread (2 ms), which a command that has nothing to clean up yet need not pay.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private PosixSignalRegistration? _interrupt, _terminate;

    public CancellationToken Token => _cancel.Token;

    public void Arm()
    {
        if (_interrupt is not null) return;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (_cancel.IsCancellationRequested) return;
        context.Cancel = true;
        _cancel.Cancel();
    }

    public void Dispose()
    {
        _interrupt?.Dispose();
        _terminate?.Dispose();
        _cancel.Dispose();
    }
}

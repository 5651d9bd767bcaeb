using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Drydock.Containers.Logs;
using Drydock.Containers.Store;
using Drydock.Core;
using Drydock.Runtime;

namespace Drydock.Containers.Running;

/// <summary>
/// The supervisor of a detached container: `drydock container-shim ID`, started by `drydock run -d` and
/// detached from its terminal by setsid(2). It starts the container from the spec `run` wrote, reports
/// "ok" or "error CODE MESSAGE" as one line on its stdout (the parent prints the ID or the error), then waits,
/// writes the container's output to the json-file log, and records the exit status. If it is killed, the
/// next container command finds its record with a dead owner and cleans up.
/// </summary>
internal static class ContainerShim
{
    public const string CommandName = "container-shim";
    private const string Ready = "ok";

    /// <summary>The parent's side: starts the supervisor on the spec `run` wrote and waits for its one-line report.</summary>
    public static async Task<ContainerRecord> StartAsync(ContainerEngine engine, ContainerServices services, ContainerRecord record,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(services.Self.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string a in services.Self.Arguments) start.ArgumentList.Add(a);
        foreach (string a in (string[])[CommandName, "--root", services.Root.Path, "--snapshotter", services.SnapshotterName, record.Id])
            start.ArgumentList.Add(a);

        string? line;
        string errors;
        using (Process shim = Process.Start(start) ?? throw new DrydockException(ErrorKind.Unavailable, $"failed to start the supervisor of container '{record.Name}'"))
        {
            shim.StandardInput.Close();
            line = await shim.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            errors = line is null ? await shim.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false) : "";
        }
        if (line == Ready)
            return await engine.Store.TryGetAsync(record.Id, cancellationToken).ConfigureAwait(false) ?? record;
        if (line is not null && line.StartsWith("error ", StringComparison.Ordinal))
        {
            string[] parts = line.Split(' ', 3);
            int code = int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int c) ? c : ContainerExitException.DrydockFailed;
            throw new ContainerExitException(ErrorKind.Unknown, parts.Length > 2 ? parts[2] : "failed to start container", code);
        }
        await engine.FinishAsync(record, null, "the container's supervisor exited before the container started").ConfigureAwait(false);
        throw new ContainerExitException(ErrorKind.Unavailable,
            $"the supervisor of container '{record.Name}' exited before the container started: {(line ?? errors).Trim()}", ContainerExitException.DrydockFailed);
    }

    /// <summary>The supervisor's side, in its own process. Returns the container's exit code.</summary>
    public static Task<int> RunAsync(ContainerEngine engine, string id, TimeProvider time, CancellationToken cancellationToken)
    {
        // a new session: the terminal `run -d` came from may close without taking the container with it
        ProcessSignals.DetachFromTerminal();
        return SuperviseAsync(engine, id, time, Console.Out.WriteLine, cancellationToken);
    }

    /// <summary>Starts the container from its spec, reports "ok" or "error CODE MESSAGE", waits and records the exit.</summary>
    internal static async Task<int> SuperviseAsync(ContainerEngine engine, string id, TimeProvider time, Action<string> report, CancellationToken cancellationToken)
    {
        ContainerStore store = engine.Store;
        ContainerRecord record = await store.TryGetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new DrydockException(ErrorKind.NotFound, $"No such container: {id}");
        ContainerSpec spec = await ContainerEngine.ReadSpecAsync(store.SpecPathOf(id), cancellationToken).ConfigureAwait(false);
        await store.UpdateAsync(id, r => r with { Owner = ProcessIdentity.Current }, cancellationToken).ConfigureAwait(false);

        int exitCode;
        using (var log = new JsonFileLogWriter(store.LogPathOf(id), time))
        {
            var io = new ProcessIO { NullStdin = true, OnOutput = log.Write };
            IContainerProcess process;
            try
            {
                process = await engine.StartProcessAsync(record, spec, io).ConfigureAwait(false);
            }
            catch (Exception e) when (e is DrydockException)
            {
                int code = e is ContainerExitException x ? x.ExitCode : ContainerExitException.DrydockFailed;
                string message = Chain(e);
                await engine.FinishAsync(record, code, message).ConfigureAwait(false);
                report($"error {code.ToString(CultureInfo.InvariantCulture)} {message}");
                return code;
            }
            await using (process.ConfigureAwait(false))
            {
                using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; process.Signal(15); });
                using PosixSignalRegistration hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => c.Cancel = true);
                await engine.MarkRunningAsync(record, process, cancellationToken).ConfigureAwait(false);
                report(Ready);
                exitCode = await process.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        await engine.FinishAsync(record, exitCode, null).ConfigureAwait(false);
        return exitCode;
    }

    private static string Chain(Exception e)
    {
        var parts = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x.Message.Trim() is { Length: > 0 } m && !parts.Exists(p => p.Contains(m, StringComparison.Ordinal))) parts.Add(m);
        return string.Join(": ", parts).ReplaceLineEndings(" ");
    }
}

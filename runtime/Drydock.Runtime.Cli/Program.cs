using Drydock.Core;
using Drydock.Runtime.Cli;

// drydock-runtime: Drydock's OCI runtime with runc's command shape (create, start, state, kill, delete, run, list)
StartupWarmup.Start();
try
{
    return RuntimeCommands.Run(args);
}
catch (DrydockException e)
{
    RuntimeCommands.Report(e);
    return e.ExitCode;
}

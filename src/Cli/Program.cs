using System.CommandLine;
using Drydock.Cli;

StartupWarmup.Start();
Command root = CliRoot.Build(args);
return await CommandRunner.InvokeAsync(root, args);

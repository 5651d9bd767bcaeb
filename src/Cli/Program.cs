using System.CommandLine;
using Drydock.Cli;
using Drydock.Core;

StartupWarmup.Start();
Command root = CliRoot.Build(args);
return await CommandRunner.InvokeAsync(root, args);

using System.CommandLine;
using Drydock.Cli;
using Drydock.Cli.Commands;
using Drydock.Core;

StartupWarmup.Start();
if (BuildLineShortcut.TryRead(args) is { } build) return await BuildCommands.RunAsync(build);
Command root = CliRoot.Build(args);
return await CommandRunner.InvokeAsync(root, args);

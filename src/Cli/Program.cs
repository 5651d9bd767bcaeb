using System.CommandLine;
using Drydock.Cli;
using Drydock.Cli.Commands;

RootCommand root = new("Drydock: build OCI images from Dockerfiles and run them, without a daemon.");
GlobalOptions.AddTo(root);
// Each room's commands live in their own file; this list is the whole composition.
ParserCommands.AddTo(root);
ImageCommands.AddTo(root);
ContainerCommands.AddTo(root);
BuildCommands.AddTo(root);
return await CommandRunner.InvokeAsync(root, args);

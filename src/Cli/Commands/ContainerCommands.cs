using System.CommandLine;

namespace Drydock.Cli.Commands;

/// <summary>run, ps, stop, kill, rm, logs.</summary>
internal static class ContainerCommands
{
    public static void AddTo(RootCommand root)
    {
    }
}

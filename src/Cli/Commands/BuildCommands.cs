using System.CommandLine;

namespace Drydock.Cli.Commands;

/// <summary>build, builder prune.</summary>
internal static class BuildCommands
{
    public static void AddTo(RootCommand root)
    {
    }
}

using System.CommandLine;

namespace Drydock.Cli.Commands;

/// <summary>images, tag, rmi, inspect, history, save, load, import, system df/prune, image prune.</summary>
internal static class ImageCommands
{
    public static void AddTo(RootCommand root)
    {
    }
}

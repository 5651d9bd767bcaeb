using System.CommandLine;

namespace Drydock.Cli.Commands;

/// <summary>debug ast, debug expand, check (owned by the parser work).</summary>
internal static class ParserCommands
{
    public static void AddTo(RootCommand root)
    {
    }
}

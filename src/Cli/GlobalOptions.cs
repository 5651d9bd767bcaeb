using System.CommandLine;
using Drydock.Core;

namespace Drydock.Cli;

/// <summary>Options every command accepts (docker's global flags, in our own words).</summary>
internal static class GlobalOptions
{
    // The spellings, as constants: the readers that run before (or instead of) the parser use them without
    // building the options, which would load System.CommandLine.
    public const string RootFlag = "--root", SnapshotterFlag = "--snapshotter", DebugFlag = "--debug", DebugAlias = "-D";

    public static readonly Option<string?> Root = new(RootFlag)
    {
        Description = "Store root (default: $DRYDOCK_ROOT, /var/lib/drydock as root, ~/.local/share/drydock otherwise)",
        Recursive = true,
    };

    public static readonly Option<bool> Debug = new(DebugFlag, DebugAlias)
    {
        Description = "Print stack traces and internal detail on errors",
        Recursive = true,
    };

    public static readonly Option<string?> Snapshotter = new(SnapshotterFlag)
    {
        Description = "Snapshotter driver: overlayfs, native or auto (default: auto, probed once and remembered)",
        Recursive = true,
    };

    public static void AddTo(Command root)
    {
        root.Options.Add(Snapshotter);
        root.Options.Add(Root);
        root.Options.Add(Debug);
    }

    /// <summary>
    /// How many words the global flag at <paramref name="i"/> takes (1, or 2 with a separate value), 0 when none
    /// starts there: read before the parser runs, to see past the globals to the command or --version.
    /// </summary>
    public static int WordsAt(IReadOnlyList<string> args, int i)
    {
        string a = args[i];
        if (a is DebugFlag or DebugAlias || a.StartsWith(RootFlag + "=", StringComparison.Ordinal) || a.StartsWith(SnapshotterFlag + "=", StringComparison.Ordinal)) return 1;
        return a is RootFlag or SnapshotterFlag && i + 1 < args.Count ? 2 : 0;
    }

    public static DrydockRoot ResolveRoot(ParseResult parse) => DrydockRoot.Resolve(parse.GetValue(Root));
}

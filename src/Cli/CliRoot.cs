using System.CommandLine;
using Drydock.Cli.Commands;

namespace Drydock.Cli;

/// <summary>
/// The command tree, built for one command line. Most of a cached build's start is System.CommandLine setting up,
/// so the tree holds only what the line can reach: the help and version options (whose descriptions load the
/// library's string resources, 4 ms) only where the line may ask for them, RootCommand (which always has both)
/// only where it may ask for help or a [directive] such as [suggest], and only the group of commands the line
/// names. Any other line (no command, a misspelt one) gets the whole tree, so its errors and help read the same.
/// </summary>
internal static class CliRoot
{
    public const string Name = "drydock";
    private const string Description = "Drydock: build OCI images from Dockerfiles and run them, without a daemon.";

    /// <summary>A room's commands: the top-level names it adds, and how it adds them.</summary>
    internal sealed record CommandGroup(string[] Names, Action<Command> AddTo);

    // Each room's commands live in their own file; this list is the whole composition.
    internal static readonly CommandGroup[] Groups =
    [
        new(["debug", "check"], ParserCommands.AddTo),
        new(["image", "images", "tag", "rmi", "inspect", "history", "save", "load", "pull", "import", "system"], ImageCommands.AddTo),
        new(["run", "ps", "stop", "kill", "rm", "logs", "container-shim"], ContainerCommands.AddTo),
        new(["build", "builder"], BuildCommands.AddTo),
    ];

    public static Command Build(IReadOnlyList<string> args)
    {
        bool full = MayAskForHelp(args);
        Command root;
        if (full)
        {
            root = new RootCommand(Description);
        }
        else
        {
            root = new Command(Name, Description);
            if (args.Contains("--version")) root.Options.Add(new VersionOption());
        }
        GlobalOptions.AddTo(root);
        CommandGroup? named = full ? null : GroupOf(CommandName(args));
        if (named is not null)
        {
            named.AddTo(root);
        }
        else
        {
            foreach (CommandGroup group in Groups) group.AddTo(root);
        }
        return root;
    }

    /// <summary>
    /// Any help alias, a directive, or a short-flag bundle holding h or ? (as in -ih): erring towards the full root
    /// costs a few milliseconds, erring the other way would lose help.
    /// </summary>
    internal static bool MayAskForHelp(IReadOnlyList<string> args)
    {
        foreach (string a in args)
        {
            if (a is "--help" or "/h" or "/?" || (a.Length > 0 && a[0] == '[')) return true;
            if (a.Length > 1 && a[0] == '-' && a[1] != '-')
            {
                foreach (char c in a)
                {
                    if (c is 'h' or '?') return true;
                }
            }
        }
        return false;
    }

    /// <summary>The first word after the global flags, or null when the line starts with anything else.</summary>
    internal static string? CommandName(IReadOnlyList<string> args)
    {
        int i = 0;
        for (int words; i < args.Count && (words = GlobalOptions.WordsAt(args, i)) > 0;) i += words;
        return i < args.Count && !args[i].StartsWith('-') ? args[i] : null;
    }

    private static CommandGroup? GroupOf(string? name)
    {
        if (name is null) return null;
        foreach (CommandGroup group in Groups)
        {
            if (Array.IndexOf(group.Names, name) >= 0) return group;
        }
        return null;
    }
}

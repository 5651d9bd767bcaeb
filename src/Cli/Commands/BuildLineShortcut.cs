namespace Drydock.Cli.Commands;

/// <summary>
/// Reads the plain build lines a developer or CI job repeats all day (`drydock build -t app -f Dockerfile .`)
/// without System.CommandLine: building the parser's command tree, parsing and invoking cost about 8 ms of a
/// 36 ms rebuild whose every step is cached. It accepts only a strict subset, words that cannot mean anything
/// else: the global flags, `build`, one context directory, and -t/--tag, -f/--file, --build-arg, --target,
/// --label, --progress, --iidfile (as `--flag VALUE` or `--flag=VALUE`), -q/--quiet and --no-cache. Anything
/// else (another flag or spelling, a value that starts with '-' or '@', a single-value flag given twice, a
/// switch followed by true or false, a second argument) returns null, and the line goes to the full parser,
/// which reads it as it always did or explains what is wrong with it.
/// </summary>
internal static class BuildLineShortcut
{
    public static BuildLine? TryRead(IReadOnlyList<string> args)
    {
        string? context = null, file = null, target = null, progress = null, iidFile = null, root = null, snapshotter = null;
        List<string> tags = [], buildArgs = [], labels = [];
        bool command = false, quiet = false, noCache = false, debug = false;
        for (int i = 0; i < args.Count; i++)
        {
            string word = args[i];
            if (word.Length == 0 || word[0] is '@' or '[') return null;
            if (word[0] != '-')
            {
                if (!command && word != "build") return null;
                if (command && context is not null) return null;
                if (command) context = word;
                command = true;
                continue;
            }
            string name = word;
            string? inline = null;
            int eq = word.IndexOf('=', StringComparison.Ordinal);
            if (word.StartsWith("--", StringComparison.Ordinal) && eq > 2)
            {
                name = word[..eq];
                inline = word[(eq + 1)..];
            }
            bool ok = name switch
            {
                GlobalOptions.RootFlag => Single(ref root, inline, args, ref i),
                GlobalOptions.SnapshotterFlag => Single(ref snapshotter, inline, args, ref i),
                GlobalOptions.DebugFlag or GlobalOptions.DebugAlias => Switch(ref debug, inline, args, i),
                _ when !command => false, // a build flag before `build` is the root command's error to report
                "-t" or "--tag" => Many(tags, inline, args, ref i),
                "-f" or "--file" => Single(ref file, inline, args, ref i),
                "--build-arg" => Many(buildArgs, inline, args, ref i),
                "--target" => Single(ref target, inline, args, ref i),
                "--label" => Many(labels, inline, args, ref i),
                "--progress" => Single(ref progress, inline, args, ref i),
                "--iidfile" => Single(ref iidFile, inline, args, ref i),
                "-q" or "--quiet" => Switch(ref quiet, inline, args, i),
                "--no-cache" => Switch(ref noCache, inline, args, i),
                _ => false,
            };
            if (!ok) return null;
        }
        if (context is null) return null;
        return new BuildLine
        {
            Context = context,
            File = file,
            Tags = tags,
            BuildArgs = buildArgs,
            Target = target,
            Labels = labels,
            NoCache = noCache,
            IidFile = iidFile,
            Progress = progress ?? BuildLine.DefaultProgress(),
            Quiet = quiet,
            Root = root,
            Snapshotter = snapshotter,
            Debug = debug,
        };
    }

    private static bool Single(ref string? slot, string? inline, IReadOnlyList<string> args, ref int i)
    {
        if (slot is not null || Value(inline, args, ref i) is not { } value) return false;
        slot = value;
        return true;
    }

    private static bool Many(List<string> values, string? inline, IReadOnlyList<string> args, ref int i)
    {
        if (Value(inline, args, ref i) is not { } value) return false;
        values.Add(value);
        return true;
    }

    /// <summary>The flag's value: after '=' or the next word; null where the parser might read it otherwise.</summary>
    private static string? Value(string? inline, IReadOnlyList<string> args, ref int i)
    {
        string? value = inline ?? (i + 1 < args.Count ? args[++i] : null);
        return value is null || value.Length == 0 || value[0] is '-' or '@' ? null : value;
    }

    /// <summary>A switch given once, with no value: the parser would take a following true or false as its value.</summary>
    private static bool Switch(ref bool flag, string? inline, IReadOnlyList<string> args, int i)
    {
        if (flag || inline is not null) return false;
        if (i + 1 < args.Count && (args[i + 1].Equals("true", StringComparison.OrdinalIgnoreCase) || args[i + 1].Equals("false", StringComparison.OrdinalIgnoreCase))) return false;
        flag = true;
        return true;
    }
}

using System.CommandLine;
using Drydock.Core;

namespace Drydock.Cli;

/// <summary>
/// Exit codes and error printing for every command: 0 ok, 1 failure, 2 usage error, 130 interrupted.
/// Errors print as one line (the message chain joined with ": "); --debug adds the stack trace.
/// </summary>
internal static class CommandRunner
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    public static async Task<int> InvokeAsync(Command root, string[] args)
    {
        // docker takes --version beside its global flags (`docker --config DIR --version`); the parser takes it alone
        if (args.Length > 1 && OnlyGlobalsBeside("--version", args)) args = ["--version"];
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // a misspelt flag is taken for an argument, and the parser then blames the next word: name the flag, as docker does
            if (parse.Tokens.FirstOrDefault(t => t.Type == System.CommandLine.Parsing.TokenType.Argument && t.Value.Length > 1 && t.Value[0] == '-') is { } flag)
                Console.Error.WriteLine($"drydock: unknown flag: {flag.Value}");
            else
                foreach (var error in parse.Errors) Console.Error.WriteLine($"drydock: {error.Message}");
            string name = parse.CommandResult.Command == root ? CliRoot.Name : $"{CliRoot.Name} {CommandPath(parse.CommandResult.Command, root)}";
            Console.Error.WriteLine($"See '{name} --help'.");
            return Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return Report(e, parse.GetValue(GlobalOptions.Debug));
        }
    }

    private static bool OnlyGlobalsBeside(string flag, string[] args)
    {
        bool found = false;
        for (int i = 0; i < args.Length; i++)
        {
            int words = GlobalOptions.WordsAt(args, i);
            if (words > 0) i += words - 1;
            else if (args[i] == flag) found = true;
            else return false;
        }
        return found;
    }

    /// <summary>Wraps a command body: maps exceptions to one-line errors and exit codes.</summary>
    public static void SetAction(Command command, Func<ParseResult, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await body(parse, ct);
            }
            catch (Exception e)
            {
                return Report(e, parse.GetValue(GlobalOptions.Debug));
            }
        });
    }

    public static int Report(Exception e, bool debug)
    {
        if (e is OperationCanceledException)
        {
            Console.Error.WriteLine("drydock: interrupted");
            return 130;
        }
        Console.Error.WriteLine($"Error: {MessageChain(e)}");
        if (debug) Console.Error.WriteLine(e.ToString());
        return e switch
        {
            DrydockException d => d.ExitCode,
            ArgumentException or FormatException => Usage,
            _ => Failure,
        };
    }

    /// <summary>"outer: inner: innermost", skipping inner messages the outer already contains.</summary>
    public static string MessageChain(Exception e)
    {
        var parts = new List<string>();
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            string m = x.Message.Trim();
            if (m.Length > 0 && !parts.Any(p => p.Contains(m, StringComparison.Ordinal))) parts.Add(m);
        }
        return string.Join(": ", parts);
    }

    private static string CommandPath(Command command, Command root)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null && c != root; c = c.Parents.OfType<Command>().FirstOrDefault()) names.Insert(0, c.Name);
        return string.Join(' ', names);
    }
}

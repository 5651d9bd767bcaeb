using System.CommandLine;
using System.Text;
using Drydock.Core;
using Drydock.Parser.Shell;

namespace Drydock.Cli.Commands;

/// <summary>
/// <c>drydock debug expand {word|words} [--platform unix|windows] [--] WORD</c>: expands WORD the way a Dockerfile
/// instruction would, with the variables given on stdin as NAME=VALUE lines (later lines win). <c>word</c> prints
/// the single result, <c>words</c> prints each word of the split result on its own line.
/// </summary>
internal static class ExpandCommand
{
    public static Command Create()
    {
        var mode = new Argument<string>("MODE")
        {
            Description = "word: expand to one string; words: expand and split into words",
        };
        mode.AcceptOnlyFromAmong("word", "words");
        var word = new Argument<string>("WORD")
        {
            Description = "The text to expand (put -- before it when it starts with '-')",
        };
        var platform = new Option<string>("--platform")
        {
            Description = "Variable lookup rules: unix (case-sensitive names) or windows (case-insensitive)",
            DefaultValueFactory = _ => "unix",
        };
        platform.AcceptOnlyFromAmong("unix", "windows");
        var command = new Command("expand", "Expand a shell word as Dockerfile instructions do (variables as NAME=VALUE lines on stdin)")
        {
            mode, word, platform,
        };
        CommandRunner.SetAction(command, async (parse, ct) =>
        {
            string stdin = Console.IsInputRedirected ? await Console.In.ReadToEndAsync(ct) : "";
            using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
            Run(parse.GetValue(mode)!, parse.GetValue(platform) == "windows", parse.GetValue(word)!, stdin, stdout);
            await stdout.FlushAsync(ct);
            return CommandRunner.Ok;
        });
        return command;
    }

    /// <summary>Expands <paramref name="word"/> with the variables in <paramref name="environment"/> and writes the result.</summary>
    internal static void Run(string mode, bool windows, string word, string environment, TextWriter output)
    {
        var env = ShellEnvironment.FromPairs(ParseEnvironment(environment), caseInsensitive: windows);
        var lex = new ShellLex();
        try
        {
            if (mode == "words")
            {
                foreach (string w in lex.ProcessWords(word, env)) output.Write(w + "\n");
            }
            else
            {
                output.Write(lex.ProcessWord(word, env) + "\n");
            }
        }
        catch (ShellExpansionException e)
        {
            throw new DrydockException(ErrorKind.InvalidArgument, e.Describe());
        }
    }

    /// <summary>One NAME=VALUE per line; blank lines are skipped and a value keeps its spaces.</summary>
    private static IEnumerable<string> ParseEnvironment(string text)
    {
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (line.Length > 0) yield return line;
        }
    }
}

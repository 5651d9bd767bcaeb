using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Drydock.Core;
using Drydock.Parser;
using Drydock.Parser.Ast;
using Drydock.Parser.Lint;

namespace Drydock.Cli.Commands;

/// <summary><c>drydock debug ast</c>, <c>drydock debug expand</c> and <c>drydock check</c>: the parser, exposed.</summary>
internal static class ParserCommands
{
    public static void AddTo(Command root)
    {
        var debug = new Command("debug", "Inspect how Drydock reads Dockerfiles");
        debug.Subcommands.Add(CreateAst());
        debug.Subcommands.Add(ExpandCommand.Create());
        root.Subcommands.Add(debug);
        root.Subcommands.Add(CreateCheck());
    }

    private static Command CreateCheck()
    {
        var fileOption = new Option<string?>("--file", "-f") { Description = "Name of the Dockerfile (default: CONTEXT/Dockerfile)" };
        var context = new Argument<string>("CONTEXT")
        {
            Description = "The build context directory",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => ".",
        };
        var command = new Command("check", "Run the build checks on a Dockerfile and print their warnings") { fileOption, context };
        CommandRunner.SetAction(command, async (parse, ct) =>
        {
            string path = parse.GetValue(fileOption) ?? Path.Combine(parse.GetValue(context)!, "Dockerfile");
            byte[] bytes = await ReadDockerfileAsync(path, ct);
            Dockerfile dockerfile = DockerfileParser.Parse(bytes, path == "-" ? "Dockerfile" : Path.GetFileName(path));
            IReadOnlyList<LintWarning> warnings = Linter.Check(dockerfile);
            using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
            await stdout.WriteAsync(FormatWarnings(warnings).AsMemory(), ct);
            await stdout.FlushAsync(ct);
            Linter.ThrowIfFailing(dockerfile, warnings);
            return CommandRunner.Ok;
        });
        return command;
    }

    /// <summary>BuildKit's check output: rule and documentation link, then the located message; then a summary.</summary>
    internal static string FormatWarnings(IReadOnlyList<LintWarning> warnings)
    {
        var sb = new StringBuilder();
        foreach (LintWarning w in warnings)
        {
            sb.Append("WARNING: ").Append(w.RuleName).Append(" - ").Append(w.Url).Append('\n');
            sb.Append(w.Range.File).Append(':').Append(w.Range.StartLine).Append(": ").Append(w.Message).Append("\n\n");
        }
        sb.Append(warnings.Count switch
        {
            0 => "Check complete, no warnings found.\n",
            1 => "Check complete, 1 warning has been found!\n",
            int n => $"Check complete, {n} warnings have been found!\n",
        });
        return sb.ToString();
    }

    private static Command CreateAst()
    {
        var fileOption = new Option<string?>("--file", "-f") { Description = "The Dockerfile to read" };
        var fileArgument = new Argument<string?>("FILE") { Description = "The Dockerfile to read", Arity = ArgumentArity.ZeroOrOne };
        var time = new Option<bool>("--time")
        {
            Description = "Also parse into stages and expand every instruction (twice), and print the times taken on stderr",
            Hidden = true,
        };
        var command = new Command("ast", "Print a Dockerfile's syntax tree in BuildKit's dump format")
        {
            fileOption, fileArgument, time,
        };
        CommandRunner.SetAction(command, async (parse, ct) =>
        {
            string path = ResolveFile(parse.GetValue(fileOption), parse.GetValue(fileArgument));
            byte[] bytes = await ReadDockerfileAsync(path, ct);
            string name = Path.GetFileName(path);
            using var region = NoCollectionRegion.ForParsing(bytes.Length);
            if (parse.GetValue(time))
            {
                // The first run includes loading and JIT-compiling the parser; the second shows the steady state.
                long allocated = GC.GetTotalAllocatedBytes(precise: true);
                int collections = GC.CollectionCount(0);
                var stopwatch = Stopwatch.StartNew();
                int instructions = ParserTiming.ParseAndExpand(bytes, name);
                double first = stopwatch.Elapsed.TotalMilliseconds;
                allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                collections = GC.CollectionCount(0) - collections;
                stopwatch.Restart();
                ParserTiming.ParseAndExpand(bytes, name);
                double second = stopwatch.Elapsed.TotalMilliseconds;
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"parsed and expanded {instructions} instructions in {first:F1} ms (first run: {allocated / 1048576.0:F1} MiB allocated, {collections} collections), {second:F1} ms (second run)"));
            }
            string dump = AstDocument.Parse(bytes, name).Dump();
            using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
            await stdout.WriteAsync(dump.AsMemory(), ct);
            await stdout.FlushAsync(ct);
            return CommandRunner.Ok;
        });
        return command;
    }

    internal static string ResolveFile(string? option, string? argument)
    {
        if (option is not null && argument is not null)
            throw new DrydockException(ErrorKind.InvalidArgument, "give the Dockerfile either as FILE or with -f, not both");
        return option ?? argument ?? throw new DrydockException(ErrorKind.InvalidArgument, "no Dockerfile given: pass FILE or -f FILE");
    }

    internal static async Task<byte[]> ReadDockerfileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return path == "-" ? await ReadStdinAsync(cancellationToken) : await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DrydockException(ErrorKind.NotFound, $"failed to read dockerfile '{path}': no such file or directory");
        }
        catch (UnauthorizedAccessException)
        {
            throw new DrydockException(ErrorKind.PermissionDenied, $"failed to read dockerfile '{path}': permission denied");
        }
    }

    private static async Task<byte[]> ReadStdinAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using Stream stdin = Console.OpenStandardInput();
        await stdin.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}

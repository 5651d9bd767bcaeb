using System.Globalization;
using Drydock.Parser.Ast;

namespace Drydock.Parser.Instructions;

internal sealed partial class InstructionParser
{
    /// <summary>Exec form: the array; shell form: the one verbatim string.</summary>
    private static IReadOnlyList<string> CommandLineOf(AstNode node, string keyword, bool parseFlags = true)
    {
        if (parseFlags) BuilderFlags.Parse(node.Flags, BuilderFlags.None);
        return node.IsJson ? node.Args : node.Args.Count == 0 ? [] : [string.Join(' ', node.Args)];
    }

    private RunInstruction ParseRun(AstNode node)
    {
        BuilderFlags flags = BuilderFlags.Parse(node.Flags, s_runFlags);
        string? network = flags.GetString("network");
        if (network is not null && network is not ("default" or "none" or "host"))
            throw new InstructionParseException($"unsupported network mode \"{network}\"", DockerfileErrorCodes.Flag);
        string? security = flags.GetString("security");
        if (security is not null && security is not ("sandbox" or "insecure"))
            throw new InstructionParseException($"unsupported security mode \"{security}\"", DockerfileErrorCodes.Flag);
        IReadOnlyList<string> specs = flags.GetStrings("mount");
        var mounts = new List<RunMount>(specs.Count);
        foreach (string spec in specs) mounts.Add(MountParser.Parse(spec));
        return new RunInstruction
        {
            Range = RangeOf(node),
            Original = node.Original,
            CommandLine = CommandLineOf(node, "RUN", parseFlags: false),
            PrependShell = !node.IsJson,
            Heredocs = node.Heredocs.Count == 0 ? [] : [.. node.Heredocs],
            Mounts = mounts,
            MountSpecs = specs,
            Network = network,
            Security = security,
        };
    }

    private ShellInstruction ParseShell(AstNode node)
    {
        IReadOnlyList<string> shell = CommandLineOf(node, "SHELL");
        if (shell.Count == 0) throw AtLeastOne("SHELL");
        if (!node.IsJson) throw new InstructionParseException("SHELL requires the arguments to be in JSON form");
        return new ShellInstruction { Range = RangeOf(node), Original = node.Original, Shell = shell };
    }

    private HealthcheckInstruction ParseHealthcheck(AstNode node)
    {
        if (node.Args.Count == 0) throw AtLeastOne("HEALTHCHECK");
        string type = node.Args[0].ToUpperInvariant();
        IReadOnlyList<string> args = node.Args.Skip(1).ToList();
        if (type == "NONE")
        {
            if (args.Count != 0) throw new InstructionParseException("HEALTHCHECK NONE takes no arguments");
            return new HealthcheckInstruction { Range = RangeOf(node), Original = node.Original, Test = ["NONE"] };
        }
        BuilderFlags flags = BuilderFlags.Parse(node.Flags, s_healthcheckFlags);
        if (type != "CMD") throw new InstructionParseException($"Unknown type {GoQuote.Quote(type)} in HEALTHCHECK (try CMD)");
        IReadOnlyList<string> command = node.IsJson ? args : args.Count == 0 ? [] : [string.Join(' ', args)];
        if (command.Count == 0) throw new InstructionParseException("Missing command after HEALTHCHECK CMD");
        var test = new List<string> { node.IsJson ? "CMD" : "CMD-SHELL" };
        test.AddRange(command);
        int? retries = null;
        if (flags.GetString("retries") is { } retriesText)
        {
            if (!int.TryParse(retriesText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int r))
                throw new InstructionParseException($"strconv.ParseInt: parsing {GoQuote.Quote(retriesText)}: invalid syntax", DockerfileErrorCodes.Flag);
            if (r < 1) throw new InstructionParseException($"--retries must be at least 1 (not {r})", DockerfileErrorCodes.Flag);
            retries = r;
        }
        return new HealthcheckInstruction
        {
            Range = RangeOf(node),
            Original = node.Original,
            Test = test,
            Interval = Interval(flags, "interval"),
            Timeout = Interval(flags, "timeout"),
            StartPeriod = Interval(flags, "start-period"),
            StartInterval = Interval(flags, "start-interval"),
            Retries = retries,
        };
    }

    private static TimeSpan? Interval(BuilderFlags flags, string name)
    {
        string? text = flags.GetString(name);
        if (string.IsNullOrEmpty(text)) return null;
        if (!GoDuration.TryParse(text, out TimeSpan duration))
            throw new InstructionParseException($"time: invalid duration {GoQuote.Quote(text)}", DockerfileErrorCodes.Flag);
        if (duration == TimeSpan.Zero) return duration;
        if (duration < TimeSpan.FromMilliseconds(1))
            throw new InstructionParseException($"Interval {GoQuote.Quote(name)} cannot be less than 1ms", DockerfileErrorCodes.Flag);
        return duration;
    }
}

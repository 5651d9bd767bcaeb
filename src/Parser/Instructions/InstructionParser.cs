using Drydock.Parser.Ast;

namespace Drydock.Parser.Instructions;

/// <summary>
/// Turns an <see cref="AstNode"/> into its typed <see cref="Instruction"/>, checking argument counts and flags as
/// BuildKit's instructions package does. Errors are located at the instruction's lines.
/// </summary>
internal sealed partial class InstructionParser
{
    internal static readonly string[] KnownKeywords =
        ["ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER",
         "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"];

    private static readonly FlagSpec[] s_fromFlags = [FlagSpec.String("platform")];
    private static readonly FlagSpec[] s_runFlags = [FlagSpec.Strings("mount"), FlagSpec.String("network"), FlagSpec.String("security")];
    private static readonly FlagSpec[] s_healthcheckFlags =
        [FlagSpec.String("interval"), FlagSpec.String("timeout"), FlagSpec.String("start-period"), FlagSpec.String("start-interval"), FlagSpec.String("retries")];
    private static readonly FlagSpec[] s_copyFlags =
        [FlagSpec.String("chown"), FlagSpec.String("from"), FlagSpec.String("chmod"), FlagSpec.Bool("link"), FlagSpec.Strings("exclude"), FlagSpec.Bool("parents")];
    private static readonly FlagSpec[] s_addFlags =
        [FlagSpec.String("chown"), FlagSpec.String("chmod"), FlagSpec.Bool("link"), FlagSpec.Strings("exclude"), FlagSpec.Bool("keep-git-dir"), FlagSpec.String("checksum"), FlagSpec.Bool("unpack")];

    private readonly string _file;

    public InstructionParser(string file) => _file = file;

    public Instruction Parse(AstNode node)
    {
        try
        {
            return Dispatch(node);
        }
        catch (InstructionParseException e)
        {
            throw new DockerfileException(RangeOf(node), e.Code, e.Message);
        }
    }

    public SourceRange RangeOf(AstNode node) => new(_file, node.StartLine, 0, node.EndLine, 0);

    private Instruction Dispatch(AstNode node) => node.LowerKeyword switch
    {
        "from" => ParseFrom(node),
        "run" => ParseRun(node),
        "cmd" => new CmdInstruction { Range = RangeOf(node), Original = node.Original, CommandLine = CommandLineOf(node, "CMD"), PrependShell = !node.IsJson },
        "entrypoint" => new EntrypointInstruction { Range = RangeOf(node), Original = node.Original, CommandLine = CommandLineOf(node, "ENTRYPOINT"), PrependShell = !node.IsJson },
        "shell" => ParseShell(node),
        "healthcheck" => ParseHealthcheck(node),
        "copy" => ParseCopy(node),
        "add" => ParseAdd(node),
        "env" => ParseEnv(node),
        "label" => ParseLabel(node),
        "arg" => ParseArg(node),
        "expose" => ParseExpose(node),
        "volume" => ParseVolume(node),
        "user" => new UserInstruction { Range = RangeOf(node), Original = node.Original, User = ExactlyOne(node, "USER") },
        "workdir" => new WorkdirInstruction { Range = RangeOf(node), Original = node.Original, Path = ExactlyOne(node, "WORKDIR") },
        "stopsignal" => ParseStopSignal(node),
        "maintainer" => new MaintainerInstruction { Range = RangeOf(node), Original = node.Original, Maintainer = ExactlyOne(node, "MAINTAINER") },
        "onbuild" => ParseOnbuild(node),
        _ => throw UnknownInstruction(node),
    };

    private DockerfileException UnknownInstruction(AstNode node)
    {
        string message = $"unknown instruction: {node.Keyword}" + Suggest.DidYouMean(node.Keyword, KnownKeywords);
        return new DockerfileException(new SourceRange(_file, node.StartLine, node.Column, node.EndLine, 0), DockerfileErrorCodes.UnknownInstruction, message);
    }

    private static string ExactlyOne(AstNode node, string keyword)
    {
        BuilderFlags.Parse(node.Flags, BuilderFlags.None);
        if (node.Args.Count != 1) throw new InstructionParseException($"{keyword} requires exactly one argument");
        return node.Args[0];
    }

    private static InstructionParseException AtLeastOne(string keyword) => new($"{keyword} requires at least one argument");

    private Instruction ParseStopSignal(AstNode node)
    {
        if (node.Args.Count != 1) throw new InstructionParseException("STOPSIGNAL requires exactly one argument");
        return new StopSignalInstruction { Range = RangeOf(node), Original = node.Original, Signal = node.Args[0] };
    }

    private Instruction ParseExpose(AstNode node)
    {
        if (node.Args.Count == 0) throw AtLeastOne("EXPOSE");
        BuilderFlags.Parse(node.Flags, BuilderFlags.None);
        return new ExposeInstruction { Range = RangeOf(node), Original = node.Original, Ports = node.Args };
    }

    private Instruction ParseVolume(AstNode node)
    {
        if (node.Args.Count == 0) throw AtLeastOne("VOLUME");
        BuilderFlags.Parse(node.Flags, BuilderFlags.None);
        var volumes = new List<string>();
        foreach (string v in node.Args)
        {
            string trimmed = Utf8Text.TrimSpace(v);
            if (trimmed.Length == 0) throw new InstructionParseException("VOLUME specified can not be an empty string");
            volumes.Add(trimmed);
        }
        return new VolumeInstruction { Range = RangeOf(node), Original = node.Original, Volumes = volumes };
    }

    private Instruction ParseOnbuild(AstNode node)
    {
        if (node.Child is null) throw AtLeastOne("ONBUILD");
        BuilderFlags.Parse(node.Flags, BuilderFlags.None);
        string trigger = node.Child.Keyword.ToUpperInvariant();
        switch (trigger)
        {
            case "ONBUILD":
                throw new InstructionParseException("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", DockerfileErrorCodes.Onbuild);
            case "MAINTAINER" or "FROM":
                throw new InstructionParseException($"{trigger} isn't allowed as an ONBUILD trigger", DockerfileErrorCodes.Onbuild);
        }
        node.Child.StartLine = node.StartLine;
        node.Child.EndLine = node.EndLine;
        node.Child.Column = node.Column;
        foreach (Heredoc h in node.Heredocs) node.Child.AddHeredoc(h);
        Instruction parsed = Dispatch(node.Child);
        string expression = StripOnbuildKeyword(node.Original);
        foreach (Heredoc heredoc in node.Heredocs) expression += "\n" + heredoc.Content + heredoc.Name;
        return new OnbuildInstruction { Range = RangeOf(node), Original = node.Original, Expression = expression, Trigger = parsed };
    }

    /// <summary><c>(?i)^\s*ONBUILD\s*</c> removed.</summary>
    private static string StripOnbuildKeyword(string original)
    {
        int i = 0;
        while (i < original.Length && original[i] is ' ' or '\t' or '\n' or '\f' or '\r') i++;
        if (original.Length - i >= 7 && original.AsSpan(i, 7).Equals("ONBUILD", StringComparison.OrdinalIgnoreCase)) i += 7;
        else return original;
        while (i < original.Length && original[i] is ' ' or '\t' or '\n' or '\f' or '\r') i++;
        return original[i..];
    }
}

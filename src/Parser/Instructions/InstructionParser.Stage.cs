using Drydock.Parser.Ast;

namespace Drydock.Parser.Instructions;

internal sealed partial class InstructionParser
{
    /// <summary>BuildKit's <c>^[a-z][a-z0-9-_\.]*$</c>, checked by hand to keep the regex engine off the parse path.</summary>
    private static bool IsValidStageName(string name)
    {
        if (name.Length == 0 || name[0] is < 'a' or > 'z') return false;
        foreach (char c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.')) return false;
        }
        return true;
    }

    private FromInstruction ParseFrom(AstNode node)
    {
        IReadOnlyList<string> args = node.Args;
        string? name = null, asKeyword = null, nameAsWritten = null;
        if (args.Count == 3 && args[1].Equals("as", StringComparison.OrdinalIgnoreCase))
        {
            asKeyword = args[1];
            nameAsWritten = args[2];
            name = args[2].ToLowerInvariant();
            if (!IsValidStageName(name))
                throw new InstructionParseException($"invalid name for build stage: {GoQuote.Quote(args[2])}, name can't start with a number or contain symbols", DockerfileErrorCodes.Stage);
        }
        else if (args.Count != 1)
        {
            throw new InstructionParseException("FROM requires either one or three arguments");
        }
        BuilderFlags flags = BuilderFlags.Parse(node.Flags, s_fromFlags);
        return new FromInstruction
        {
            Range = RangeOf(node),
            Original = node.Original,
            BaseName = args[0],
            StageName = name,
            StageNameAsWritten = nameAsWritten,
            AsKeyword = asKeyword,
            Platform = flags.GetString("platform"),
        };
    }

    private Instruction ParseArg(AstNode node)
    {
        if (node.Args.Count == 0) throw AtLeastOne("ARG");
        BuilderFlags.Parse(node.Flags, BuilderFlags.None);
        var args = new List<ArgDefinition>();
        foreach (string arg in node.Args)
        {
            int eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq == 0) throw new InstructionParseException("ARG names can not be blank");
            args.Add(eq < 0 ? new ArgDefinition(arg, null) : new ArgDefinition(arg[..eq], arg[(eq + 1)..]));
        }
        return new ArgInstruction { Range = RangeOf(node), Original = node.Original, Args = args };
    }

    private Instruction ParseEnv(AstNode node)
    {
        BuilderFlags.Parse(node.Flags, BuilderFlags.None);
        (List<KeyValuePair<string, string>> pairs, bool legacy) = KeyValues(node, "ENV");
        return new EnvInstruction { Range = RangeOf(node), Original = node.Original, Pairs = pairs, LegacyForm = legacy };
    }

    private Instruction ParseLabel(AstNode node)
    {
        BuilderFlags.Parse(node.Flags, BuilderFlags.None);
        (List<KeyValuePair<string, string>> pairs, bool legacy) = KeyValues(node, "LABEL");
        return new LabelInstruction { Range = RangeOf(node), Original = node.Original, Pairs = pairs, LegacyForm = legacy };
    }

    /// <summary>The AST holds (key, value, separator) triples; an empty separator marks the legacy form.</summary>
    private static (List<KeyValuePair<string, string>>, bool) KeyValues(AstNode node, string keyword)
    {
        if (node.Args.Count == 0) throw AtLeastOne(keyword);
        var pairs = new List<KeyValuePair<string, string>>();
        bool legacy = false;
        for (int i = 0; i + 2 < node.Args.Count; i += 3)
        {
            if (node.Args[i].Length == 0) throw new InstructionParseException($"{keyword} names can not be blank");
            pairs.Add(new(node.Args[i], node.Args[i + 1]));
            legacy |= node.Args[i + 2].Length == 0;
        }
        return (pairs, legacy);
    }
}

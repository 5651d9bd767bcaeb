using Drydock.Parser.Ast;

namespace Drydock.Parser.Instructions;

internal sealed partial class InstructionParser
{
    private CopyInstruction ParseCopy(AstNode node)
    {
        if (node.Args.Count < 2) throw NoDestination("COPY");
        BuilderFlags flags = BuilderFlags.Parse(node.Flags, s_copyFlags);
        (List<string> sources, List<SourceContent> contents, string destination) = SourcesAndDestination(node, "COPY");
        return new CopyInstruction
        {
            Range = RangeOf(node),
            Original = node.Original,
            Sources = sources,
            SourceContents = contents,
            Destination = destination,
            IsJson = node.IsJson,
            From = flags.GetString("from"),
            Chown = flags.GetString("chown"),
            Chmod = flags.GetString("chmod"),
            Link = flags.GetBool("link") ?? false,
            Excludes = flags.GetStrings("exclude"),
            Parents = flags.GetBool("parents") ?? false,
        };
    }

    private AddInstruction ParseAdd(AstNode node)
    {
        if (node.Args.Count < 2) throw NoDestination("ADD");
        BuilderFlags flags = BuilderFlags.Parse(node.Flags, s_addFlags);
        (List<string> sources, List<SourceContent> contents, string destination) = SourcesAndDestination(node, "ADD");
        return new AddInstruction
        {
            Range = RangeOf(node),
            Original = node.Original,
            Sources = sources,
            SourceContents = contents,
            Destination = destination,
            IsJson = node.IsJson,
            Chown = flags.GetString("chown"),
            Chmod = flags.GetString("chmod"),
            Link = flags.GetBool("link") ?? false,
            Excludes = flags.GetStrings("exclude"),
            KeepGitDir = flags.GetBool("keep-git-dir"),
            Checksum = flags.GetString("checksum"),
            Unpack = flags.GetBool("unpack"),
        };
    }

    private static InstructionParseException NoDestination(string keyword) =>
        new($"{keyword} requires at least two arguments, but only one was provided. Destination could not be determined");

    private static (List<string>, List<SourceContent>, string) SourcesAndDestination(AstNode node, string keyword)
    {
        string destination = node.Args[^1];
        if (!node.IsJson && HeredocDetector.Parse(destination) is not null && node.Heredocs.Count > 0)
            throw new InstructionParseException($"{keyword} cannot accept a heredoc as a destination", DockerfileErrorCodes.Heredoc);
        var sources = new List<string>();
        var contents = new List<SourceContent>();
        for (int i = 0; i < node.Args.Count - 1; i++)
        {
            string source = node.Args[i];
            Heredoc? opened = node.IsJson ? null : HeredocDetector.Parse(source);
            Heredoc? body = opened is null ? null : node.Heredocs.LastOrDefault(h => h.Name == opened.Name);
            if (opened is not null && body is not null)
            {
                contents.Add(new SourceContent(opened.Name, body.Body, opened.Expand));
            }
            else
            {
                sources.Add(source);
            }
        }
        return (sources, contents, destination);
    }
}

using Drydock.Parser.Ast;
using Drydock.Parser.Instructions;

namespace Drydock.Parser;

/// <summary>
/// The entry point: Dockerfile text (or bytes) to a typed <see cref="Dockerfile"/>. Every error is a located
/// <see cref="DockerfileException"/>, e.g. <c>Dockerfile:7:1: unknown instruction: RUNN (did you mean RUN?)</c>.
/// </summary>
/// <example>
/// <code>
/// Dockerfile df = DockerfileParser.Parse(File.ReadAllText("Dockerfile"));
/// foreach (Stage stage in df.Stages)
///     foreach (Instruction i in stage.Instructions)
///         if (i is RunInstruction run) Console.WriteLine(run.CommandLine[0]);
/// </code>
/// </example>
public static class DockerfileParser
{
    public static Dockerfile Parse(string text, string fileName = "Dockerfile")
    {
        ArgumentNullException.ThrowIfNull(text);
        return FromAst(AstDocument.Parse(text, fileName));
    }

    /// <summary>Parses file bytes, keeping bytes that are not valid UTF-8 as they are.</summary>
    public static Dockerfile Parse(ReadOnlySpan<byte> bytes, string fileName = "Dockerfile") => FromAst(AstDocument.Parse(bytes, fileName));

    internal static Dockerfile FromAst(AstDocument document)
    {
        var parser = new InstructionParser(document.FileName);
        var globalArgs = new List<ArgInstruction>();
        var stages = new List<Stage>();
        FromInstruction? from = null;
        var instructions = new List<Instruction>();
        foreach (AstNode node in document.Nodes)
        {
            Instruction instruction = parser.Parse(node);
            if (instruction is FromInstruction nextFrom)
            {
                if (from is not null) stages.Add(MakeStage(stages.Count, from, instructions));
                from = nextFrom;
                instructions = [];
            }
            else if (from is null)
            {
                if (instruction is not ArgInstruction arg)
                    throw new DockerfileException(parser.RangeOf(node), DockerfileErrorCodes.Stage, "no build stage in current context");
                globalArgs.Add(arg);
            }
            else
            {
                instructions.Add(instruction);
            }
        }
        if (from is not null) stages.Add(MakeStage(stages.Count, from, instructions));
        return new Dockerfile(document.FileName, document.Directives, document.EscapeToken, globalArgs, stages)
        {
            EmptyContinuationLines = document.EmptyContinuationLines,
        };
    }

    private static Stage MakeStage(int index, FromInstruction from, List<Instruction> instructions)
    {
        SourceRange last = instructions.Count > 0 ? instructions[^1].Range : from.Range;
        var range = new SourceRange(from.Range.File, from.Range.StartLine, 0, last.EndLine, 0);
        return new Stage(index, from.StageName, from.BaseName, from.Platform, from, instructions, range);
    }
}

namespace Drydock.Parser.Instructions;

/// <summary>
/// One typed Dockerfile instruction. <see cref="Range"/> spans its lines (continuations and heredoc bodies
/// included); <see cref="Original"/> is the logical line as written (continuations joined), which the build
/// records as history's created_by. Words are kept unexpanded; <see cref="Expansion.InstructionExpander"/>
/// expands them where BuildKit does.
/// </summary>
public abstract record Instruction
{
    public required SourceRange Range { get; init; }

    public required string Original { get; init; }

    /// <summary>The keyword in upper case: RUN, COPY, ...</summary>
    public abstract string Keyword { get; }
}

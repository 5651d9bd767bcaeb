namespace Drydock.Parser.Ast;

/// <summary>
/// One instruction as BuildKit's parser sees it, before typing: the keyword as written, the <c>--flags</c>, the
/// argument nodes (whose shape depends on the instruction, see <see cref="LineParsers"/>), the nested
/// instruction of ONBUILD, and the heredocs it consumed.
/// </summary>
internal sealed class AstNode
{
    public required string Keyword { get; init; }

    public required IReadOnlyList<string> Flags { get; init; }

    public required List<string> Args { get; init; }

    /// <summary>ONBUILD's trigger instruction.</summary>
    public AstNode? Child { get; init; }

    /// <summary>The arguments came from a JSON array (exec form).</summary>
    public bool IsJson { get; init; }

    /// <summary>The logical line: continuations joined, comments inside them dropped.</summary>
    public required string Original { get; init; }

    /// <summary>The heredocs this instruction consumed, in order (few instructions have any, so the list starts shared and empty).</summary>
    public IReadOnlyList<Heredoc> Heredocs => (IReadOnlyList<Heredoc>?)_heredocs ?? [];

    private List<Heredoc>? _heredocs;

    public void AddHeredoc(Heredoc heredoc) => (_heredocs ??= []).Add(heredoc);

    public int StartLine { get; set; }

    public int EndLine { get; set; }

    /// <summary>1-based column of the keyword on <see cref="StartLine"/>.</summary>
    public int Column { get; set; } = 1;

    /// <summary>Comment lines directly above the instruction, '#' and surrounding spaces removed.</summary>
    public IReadOnlyList<string> PrevComments { get; set; } = [];

    /// <summary>The keyword lower-cased as BuildKit dispatches on it.</summary>
    public required string LowerKeyword { get; init; }

    /// <summary>Whether this instruction (or ONBUILD's trigger) may open heredocs: RUN, COPY, ADD in shell form.</summary>
    public bool CanContainHeredoc
    {
        get
        {
            AstNode node = LowerKeyword == "onbuild" && Child is not null ? Child : this;
            return !node.IsJson && node.LowerKeyword is "run" or "copy" or "add";
        }
    }
}

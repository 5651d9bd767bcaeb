namespace Drydock.Parser.Shell;

/// <summary>
/// The outcome of <see cref="ShellLex.ProcessWordWithMatches"/>: the expanded word, the variable names it
/// referenced that were set (<paramref name="Matched"/>) and those that were not (<paramref name="Unmatched"/>,
/// used by the undefined-variable lint check).
/// </summary>
public sealed record ShellWordResult(string Result, IReadOnlySet<string> Matched, IReadOnlySet<string> Unmatched);

using Drydock.Parser.Instructions;

namespace Drydock.Parser.Expansion;

/// <summary>
/// An instruction with its words expanded. <see cref="UsedArgs"/> names the ARG-declared variables its words
/// referenced (the build explains a cache miss with "build arg N changed"); <see cref="Unmatched"/> names the
/// variables referenced but unset (the UndefinedVar / UndefinedArgInFrom checks).
/// </summary>
public sealed record ExpandedInstruction(Instruction Instruction, IReadOnlySet<string> UsedArgs, IReadOnlySet<string> Unmatched);

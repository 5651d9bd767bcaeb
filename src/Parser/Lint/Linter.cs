using Drydock.Parser.Instructions;

namespace Drydock.Parser.Lint;

/// <summary>
/// BuildKit's build checks over a parsed <see cref="Dockerfile"/>, honouring <c># check=skip=...</c>. Findings
/// come back in file order; whether they fail the build is <see cref="CheckDirective.Error"/> (see
/// <see cref="ConfigOf"/>). Checks needing the base image (UndefinedVar) are left to the build.
/// </summary>
public static partial class Linter
{
    public static IReadOnlyList<LintWarning> Check(Dockerfile dockerfile)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        CheckDirective config = ConfigOf(dockerfile);
        var warnings = new List<LintWarning>();
        void Add(string rule, string message, SourceRange range)
        {
            if (config.IsEnabled(rule)) warnings.Add(new LintWarning(rule, message, range));
        }

        CheckCasing(dockerfile, Add);
        CheckStages(dockerfile, Add);
        foreach (Stage stage in dockerfile.Stages) CheckStageBody(stage, Add);
        foreach (ArgInstruction arg in dockerfile.GlobalArgs) CheckSecrets(arg, Add);
        foreach (int line in dockerfile.EmptyContinuationLines)
            Add(LintRules.NoEmptyContinuation, "Empty continuation line", SourceRange.Lines(dockerfile.FileName, line, line));
        return warnings.OrderBy(w => w.Range.StartLine).ToList();
    }

    /// <summary>The <c># check=</c> configuration of <paramref name="dockerfile"/>.</summary>
    public static CheckDirective ConfigOf(Dockerfile dockerfile)
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        ParserDirective? directive = dockerfile.Directives.FirstOrDefault(d => d.Name == "check");
        return directive is null
            ? CheckDirective.None
            : CheckDirective.Parse(directive.Value, SourceRange.Lines(dockerfile.FileName, directive.Line, directive.Line));
    }

    /// <summary>Throws the build's error when the directive says <c>error=true</c> and there are findings.</summary>
    public static void ThrowIfFailing(Dockerfile dockerfile, IReadOnlyList<LintWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        if (warnings.Count == 0 || !ConfigOf(dockerfile).Error) return;
        string rules = string.Join(", ", warnings.Select(w => w.RuleName).Distinct());
        throw new DockerfileException(warnings[0].Range, DockerfileErrorCodes.Check, $"lint violation found for rules: {rules}");
    }

    private static IEnumerable<Instruction> AllInstructions(Dockerfile dockerfile)
    {
        foreach (ArgInstruction arg in dockerfile.GlobalArgs) yield return arg;
        foreach (Stage stage in dockerfile.Stages)
        {
            yield return stage.From;
            foreach (Instruction i in stage.Instructions) yield return i;
        }
    }

    /// <summary>The keyword as written: the first word of the instruction's line.</summary>
    internal static string KeywordOf(Instruction instruction)
    {
        string s = instruction.Original.TrimStart();
        int end = 0;
        while (end < s.Length && !char.IsWhiteSpace(s[end])) end++;
        return s[..end];
    }

    private static bool IsSelfConsistent(string word) => word == word.ToUpperInvariant() || word == word.ToLowerInvariant();

    private static bool IsUpper(string word) => word == word.ToUpperInvariant();

    private static void CheckCasing(Dockerfile dockerfile, Action<string, string, SourceRange> add)
    {
        var keywords = AllInstructions(dockerfile).Select(i => (Instruction: i, Keyword: KeywordOf(i))).ToList();
        int lower = keywords.Count(k => k.Keyword == k.Keyword.ToLowerInvariant() && k.Keyword != k.Keyword.ToUpperInvariant());
        int upper = keywords.Count(k => k.Keyword == k.Keyword.ToUpperInvariant() && k.Keyword != k.Keyword.ToLowerInvariant());
        bool majorityUpper = upper >= lower;
        foreach (var (instruction, keyword) in keywords)
        {
            bool consistent = majorityUpper ? keyword == keyword.ToUpperInvariant() : keyword == keyword.ToLowerInvariant();
            if (!consistent)
            {
                add(LintRules.ConsistentInstructionCasing,
                    $"Command '{keyword}' should match the case of the command majority ({(majorityUpper ? "uppercase" : "lowercase")})", instruction.Range);
            }
        }
    }
}

using System.Text;

namespace Drydock.Parser.Lint;

/// <summary>The names of the checks <see cref="Linter"/> runs.</summary>
public static class LintRules
{
    public const string ConsistentInstructionCasing = nameof(ConsistentInstructionCasing);
    public const string DuplicateStageName = nameof(DuplicateStageName);
    public const string ExposeProtoCasing = nameof(ExposeProtoCasing);
    public const string FromAsCasing = nameof(FromAsCasing);
    public const string FromPlatformFlagConstDisallowed = nameof(FromPlatformFlagConstDisallowed);
    public const string JSONArgsRecommended = nameof(JSONArgsRecommended);
    public const string LegacyKeyValueFormat = nameof(LegacyKeyValueFormat);
    public const string MaintainerDeprecated = nameof(MaintainerDeprecated);
    public const string MultipleInstructionsDisallowed = nameof(MultipleInstructionsDisallowed);
    public const string NoEmptyContinuation = nameof(NoEmptyContinuation);
    public const string RedundantTargetPlatform = nameof(RedundantTargetPlatform);
    public const string ReservedStageName = nameof(ReservedStageName);
    public const string SecretsUsedInArgOrEnv = nameof(SecretsUsedInArgOrEnv);
    public const string StageNameCasing = nameof(StageNameCasing);
    public const string UndefinedArgInFrom = nameof(UndefinedArgInFrom);
    public const string WorkdirRelativePath = nameof(WorkdirRelativePath);

    /// <summary><c>https://docs.docker.com/go/dockerfile/rule/from-as-casing/</c> for FromAsCasing.</summary>
    public static string UrlOf(string ruleName)
    {
        var sb = new StringBuilder("https://docs.docker.com/go/dockerfile/rule/");
        for (int i = 0; i < ruleName.Length; i++)
        {
            char c = ruleName[i];
            bool boundary = i > 0 && char.IsUpper(c) && (char.IsLower(ruleName[i - 1]) || (i + 1 < ruleName.Length && char.IsLower(ruleName[i + 1])));
            if (boundary) sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.Append('/').ToString();
    }
}

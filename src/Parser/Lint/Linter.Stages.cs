using Drydock.Parser.Expansion;
using Drydock.Parser.Instructions;
using Drydock.Parser.Shell;

namespace Drydock.Parser.Lint;

public static partial class Linter
{
    private static void CheckStages(Dockerfile dockerfile, Action<string, string, SourceRange> add)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // FROM lines see the automatic platform ARGs and the global ARGs, whatever values a build gives them.
        var declared = new HashSet<string>(PlatformArgs.Names, StringComparer.Ordinal);
        foreach (ArgInstruction arg in dockerfile.GlobalArgs)
        {
            foreach (ArgDefinition a in arg.Args) declared.Add(a.Key);
        }
        IShellEnvironment env = ShellEnvironment.From(declared.Select(n => new KeyValuePair<string, string>(n, "x")));
        var lex = new ShellLex(dockerfile.EscapeToken);
        foreach (Stage stage in dockerfile.Stages)
        {
            FromInstruction from = stage.From;
            string fromKeyword = KeywordOf(from);
            if (from.AsKeyword is { } asKeyword && IsSelfConsistent(fromKeyword) && IsSelfConsistent(asKeyword) && IsUpper(fromKeyword) != IsUpper(asKeyword))
                add(LintRules.FromAsCasing, $"'{asKeyword}' and '{fromKeyword}' keywords' casing do not match", from.Range);
            if (from.StageNameAsWritten is { } written)
            {
                if (written != written.ToLowerInvariant())
                    add(LintRules.StageNameCasing, $"Stage name '{written}' should be lowercase", from.Range);
                if (!seen.Add(stage.Name!))
                    add(LintRules.DuplicateStageName, $"Duplicate stage name \"{stage.Name}\", stage names should be unique", from.Range);
                if (stage.Name is "scratch" or "context")
                    add(LintRules.ReservedStageName, $"Stage name should not use the same name as reserved stage \"{stage.Name}\"", from.Range);
            }
            CheckFromWords(from, lex, env, declared, add);
        }
    }

    private static void CheckFromWords(FromInstruction from, ShellLex lex, IShellEnvironment env, HashSet<string> declared, Action<string, string, SourceRange> add)
    {
        foreach (string? word in new[] { from.BaseName, from.Platform })
        {
            if (word is null) continue;
            ShellWordResult result;
            try
            {
                result = lex.ProcessWordWithMatches(word, env);
            }
            catch (ShellExpansionException)
            {
                continue; // the build reports the expansion error itself
            }
            foreach (string name in result.Unmatched.Order(StringComparer.Ordinal))
                add(LintRules.UndefinedArgInFrom, $"FROM argument '{name}' is not declared" + Suggest.DidYouMean(name, declared, caseInsensitive: false), from.Range);
        }
        if (from.Platform is { } platform)
        {
            if (platform is "$TARGETPLATFORM" or "${TARGETPLATFORM}")
                add(LintRules.RedundantTargetPlatform, "Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior", from.Range);
            else if (!platform.Contains('$', StringComparison.Ordinal))
                add(LintRules.FromPlatformFlagConstDisallowed, $"FROM --platform flag should not use constant value \"{platform}\"", from.Range);
        }
    }
}

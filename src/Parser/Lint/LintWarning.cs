namespace Drydock.Parser.Lint;

/// <summary>One build-check finding, named as BuildKit names its rules (e.g. <c>FromAsCasing</c>).</summary>
public sealed record LintWarning(string RuleName, string Message, SourceRange Range)
{
    /// <summary>The rule's documentation page.</summary>
    public string Url => LintRules.UrlOf(RuleName);

    /// <summary>One line: <c>Dockerfile:3: FromAsCasing: 'as' and 'FROM' keywords' casing do not match</c>.</summary>
    public override string ToString() => $"{Range}: {RuleName}: {Message}";
}

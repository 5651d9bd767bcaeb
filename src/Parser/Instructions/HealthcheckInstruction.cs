namespace Drydock.Parser.Instructions;

/// <summary>
/// <c>HEALTHCHECK [--interval --timeout --start-period --start-interval --retries] CMD ...</c> or
/// <c>HEALTHCHECK NONE</c>. <see cref="Test"/> is the image config's form: <c>["NONE"]</c>,
/// <c>["CMD", args...]</c> (exec form) or <c>["CMD-SHELL", command]</c>. Durations and retries are null when
/// not given (the runtime's defaults apply).
/// </summary>
public sealed record HealthcheckInstruction : Instruction
{
    public required IReadOnlyList<string> Test { get; init; }

    public TimeSpan? Interval { get; init; }

    public TimeSpan? Timeout { get; init; }

    public TimeSpan? StartPeriod { get; init; }

    public TimeSpan? StartInterval { get; init; }

    public int? Retries { get; init; }

    public bool IsNone => Test.Count == 1 && Test[0] == "NONE";

    public override string Keyword => "HEALTHCHECK";
}

namespace Drydock.Parser.Instructions;

/// <summary><c>RUN [--mount=...] [--network=...] [--security=...] command</c>, with its heredocs.</summary>
public sealed record RunInstruction : CommandLineInstruction
{
    public IReadOnlyList<Heredoc> Heredocs { get; init; } = [];

    public IReadOnlyList<RunMount> Mounts { get; init; } = [];

    /// <summary>default, none or host; null when not given.</summary>
    public string? Network { get; init; }

    /// <summary>sandbox or insecure; null when not given.</summary>
    public string? Security { get; init; }

    /// <summary>The raw <c>--mount</c> values (unexpanded), for re-parsing after expansion.</summary>
    public IReadOnlyList<string> MountSpecs { get; init; } = [];

    public override string Keyword => "RUN";
}

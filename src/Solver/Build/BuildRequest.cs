using Drydock.Core.Oci;

namespace Drydock.Solver.Build;

/// <summary>One `drydock build`: the Dockerfile (its text and the name errors cite), what to build and how.</summary>
public sealed record BuildRequest
{
    public required string DockerfileText { get; init; }

    /// <summary>The name errors cite ("Dockerfile"), and the step identity for cache-miss explanations.</summary>
    public required string DockerfileName { get; init; }

    /// <summary>Where the Dockerfile lives (for explaining misses across builds of the same project).</summary>
    public required string Identity { get; init; }

    public IReadOnlyDictionary<string, string> BuildArgs { get; init; } = new Dictionary<string, string>();

    public string? Target { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public bool NoCache { get; init; }

    public IReadOnlySet<string> NoCacheStages { get; init; } = new HashSet<string>();

    public Platform Platform { get; init; } = Platform.Host;

    /// <summary>--network for every RUN that does not say otherwise: default, none or host.</summary>
    public string Network { get; init; } = "default";

    /// <summary>Named contexts that stand for images (--build-context NAME=docker-image://REF): name → image reference.</summary>
    public IReadOnlyDictionary<string, string> ImageContexts { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset? SourceDateEpoch { get; init; }
}

namespace Drydock.Cli.Commands;

/// <summary>
/// What one `drydock build` line asks for, however it was read: by System.CommandLine (<see cref="BuildCommands"/>)
/// or by <see cref="BuildLineShortcut"/>. The build itself reads only this, never the parser's result.
/// </summary>
internal sealed record BuildLine
{
    public required string Context { get; init; }
    public string? File { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> BuildArgs { get; init; } = [];
    public string? Target { get; init; }
    public IReadOnlyList<string> Labels { get; init; } = [];
    public bool NoCache { get; init; }
    public IReadOnlyList<string> NoCacheFilter { get; init; } = [];
    public bool Pull { get; init; }
    public string? IidFile { get; init; }
    public string? MetadataFile { get; init; }
    public IReadOnlyList<string> Outputs { get; init; } = [];
    public string Progress { get; init; } = DefaultProgress();
    public bool Quiet { get; init; }
    public IReadOnlyList<string> Secrets { get; init; } = [];
    public IReadOnlyList<string> BuildContexts { get; init; } = [];
    public string Network { get; init; } = "default";
    public string? Platform { get; init; }
    public bool PrintGraph { get; init; }
    public string GraphFormat { get; init; } = "text";
    public bool Check { get; init; }

    // the global flags the build reads
    public string? Root { get; init; }
    public string? Snapshotter { get; init; }
    public bool Debug { get; init; }

    /// <summary>--progress when the line has none: $BUILDKIT_PROGRESS, as docker buildx reads it, else auto.</summary>
    public static string DefaultProgress() => Environment.GetEnvironmentVariable("BUILDKIT_PROGRESS") ?? "auto";
}

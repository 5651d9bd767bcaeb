namespace Drydock.Solver.Ops;

/// <summary>
/// RUN: a process in a container whose root is input 0 (or empty for scratch). Env holds the image's ENV
/// and the build args the step can see, in order; proxy args are left out of the op so they do not bust the cache.
/// </summary>
public sealed record ExecOp(
    IReadOnlyList<string> Args,
    IReadOnlyList<string> Env,
    string Cwd,
    string User,
    string Network,
    IReadOnlyList<RunMount> Mounts) : Op
{
    /// <summary>The input that is the root filesystem; null runs on an empty root (FROM scratch).</summary>
    public int? Root { get; init; }
}

/// <summary>
/// A RUN --mount. <see cref="Input"/> indexes the vertex inputs for bind/cache mounts with from=;
/// a null input with type bind means the build context named <see cref="Context"/>.
/// </summary>
public sealed record RunMount(string Type, string Target)
{
    public int? Input { get; init; }

    public string? Context { get; init; }

    public string? Source { get; init; }

    public bool ReadOnly { get; init; }

    public string? CacheId { get; init; }

    public string? Sharing { get; init; }

    public string? Mode { get; init; }

    public uint? Uid { get; init; }

    public uint? Gid { get; init; }

    public bool Required { get; init; }

    public long? Size { get; init; }

    /// <summary>For secrets: the id (never the value) and the env variable to expose it as.</summary>
    public string? SecretId { get; init; }

    public string? Env { get; init; }

    /// <summary>For type heredoc: the script a RUN heredoc with a #! line runs (part of the op, so of the key).</summary>
    public string? Content { get; init; }
}

namespace Drydock.Solver.Ops;

/// <summary>
/// COPY and ADD onto input 0 (the destination root, or empty). Sources come from input <see cref="SourceInput"/>
/// (a stage or image) or, when it is null, from the build context named <see cref="Context"/>, or from
/// <see cref="Url"/> (ADD of a URL), or from <see cref="InlineFiles"/> (heredoc sources, named like files). <see cref="Dest"/> is absolute (resolved against WORKDIR when lowered) and keeps its trailing slash.
/// </summary>
public sealed record CopyOp(IReadOnlyList<string> Sources, string Dest) : Op
{
    /// <summary>The input the files land on; null for an empty root (FROM scratch, or COPY --link).</summary>
    public int? Root { get; init; }

    public int? SourceInput { get; init; }

    public string? Context { get; init; }

    public string? Url { get; init; }

    public string? Checksum { get; init; }

    /// <summary>"uid:gid" already resolved, or a user[:group] spec resolved against the destination's /etc/passwd.</summary>
    public string? Chown { get; init; }

    public string? Chmod { get; init; }

    public bool Link { get; init; }

    public bool Parents { get; init; }

    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>ADD: extract local tar archives.</summary>
    public bool Unpack { get; init; }

    /// <summary>COPY &lt;&lt;EOF: files written from the Dockerfile itself, as BuildKit's mkfile on scratch; <see cref="Sources"/> names them.</summary>
    public IReadOnlyList<InlineFile> InlineFiles { get; init; } = [];

    /// <summary>ADD of a URL keeps 0600; COPY/ADD of files keeps the source mode.</summary>
    public bool IsAdd { get; init; }
}

/// <summary>A heredoc source: its name (the delimiter) and its content, variables already expanded.</summary>
public sealed record InlineFile(string Name, string Content);

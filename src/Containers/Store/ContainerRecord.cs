using System.Text.Json.Serialization;
using Drydock.Core;

namespace Drydock.Containers.Store;

/// <summary>
/// One container, as stored in &lt;root&gt;/containers/&lt;id&gt;/config.json. The record is the truth: a container
/// whose <see cref="Owner"/> (the foreground drydock or the detached supervisor) is gone while the record still
/// says created or running was left by a killed drydock, and the next container command cleans it up.
/// </summary>
public sealed record ContainerRecord
{
    /// <summary>64 lowercase hex characters.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>The image as the user named it ("busybox", "app:1").</summary>
    public required string Image { get; init; }

    /// <summary>The image's config digest ("sha256:…"), docker's image ID.</summary>
    public required string ImageId { get; init; }

    /// <summary>The process's argv: entrypoint followed by command.</summary>
    public required IReadOnlyList<string> Command { get; init; }

    public required DateTimeOffset Created { get; init; }

    public ContainerStatus Status { get; init; } = ContainerStatus.Created;

    public int? ExitCode { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The container's first process, in the host's PID namespace, while running.</summary>
    public ProcessIdentity? Process { get; init; }

    /// <summary>The drydock process that waits for the container: it records the exit status.</summary>
    public ProcessIdentity? Owner { get; init; }

    /// <summary>The active snapshot that is the container's root filesystem.</summary>
    public required string SnapshotKey { get; init; }

    /// <summary>The snapshot driver the snapshot lives in (overlayfs or native).</summary>
    public string? Snapshotter { get; init; }

    /// <summary>--rm: remove the container and its snapshot when it exits.</summary>
    public bool AutoRemove { get; init; }

    public bool Detached { get; init; }

    /// <summary>Signal number `stop` sends first (the image's StopSignal, else SIGTERM).</summary>
    public int StopSignal { get; init; } = 15;

    /// <summary>--runtime: the OCI runtime binary, or null for the bundled runtime.</summary>
    public string? Runtime { get; init; }

    /// <summary>Why the container ended without an exit status from its process (e.g. its supervisor died).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    [JsonIgnore]
    public string ShortId => Id[..12];
}

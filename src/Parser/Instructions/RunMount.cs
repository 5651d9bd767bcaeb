namespace Drydock.Parser.Instructions;

/// <summary>
/// One <c>RUN --mount=</c> with BuildKit's defaults applied: bind mounts are read-only unless <c>rw</c>;
/// cache mounts default their id to the target, sharing to shared and mode to 0755; secrets default their id to
/// the target's base name, their target to /run/secrets/ID and mode to 0400; ssh defaults id to "default" and
/// mode to 0600.
/// </summary>
public sealed record RunMount
{
    public required MountType Type { get; init; }

    /// <summary>Where the mount appears in the container; null only for a secret exposed through <see cref="Env"/> or an ssh mount left at its default.</summary>
    public string? Target { get; init; }

    public string? Source { get; init; }

    /// <summary>Stage name, image or named context the source is taken from.</summary>
    public string? From { get; init; }

    public bool ReadOnly { get; init; }

    public string? Id { get; init; }

    public MountSharing Sharing { get; init; } = MountSharing.Shared;

    /// <summary>File mode (octal in the Dockerfile); null when not given.</summary>
    public uint? Mode { get; init; }

    public uint? Uid { get; init; }

    public uint? Gid { get; init; }

    public bool Required { get; init; }

    /// <summary>tmpfs size in bytes; null when not given.</summary>
    public long? Size { get; init; }

    /// <summary>secret: the environment variable that receives the secret.</summary>
    public string? Env { get; init; }
}

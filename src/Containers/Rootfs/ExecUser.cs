namespace Drydock.Containers.Rootfs;

/// <summary>Who the container's process runs as, resolved from the image's /etc/passwd and /etc/group.</summary>
public sealed record ExecUser(uint Uid, uint Gid, IReadOnlyList<uint> AdditionalGids, string Home);

namespace Drydock.Containers.Store;

/// <summary>docker's container states, as far as Drydock has them (no paused, no restarting).</summary>
public enum ContainerStatus
{
    Created,
    Running,
    Exited,
}

namespace Drydock.Parser.Instructions;

public enum MountSharing { Shared, Private, Locked }

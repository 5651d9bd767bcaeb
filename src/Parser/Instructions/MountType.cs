namespace Drydock.Parser.Instructions;

public enum MountType { Bind, Cache, Tmpfs, Secret, Ssh }

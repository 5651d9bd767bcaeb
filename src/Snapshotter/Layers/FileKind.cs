namespace Drydock.Snapshotter.Layers;

/// <summary>The kinds of tree entry a layer can carry.</summary>
internal enum FileKind
{
    Regular,
    Directory,
    Symlink,
    CharDevice,
    BlockDevice,
    Fifo,
    Socket,
}

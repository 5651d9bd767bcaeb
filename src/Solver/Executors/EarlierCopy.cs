using Drydock.Core;

namespace Drydock.Solver.Executors;

/// <summary>
/// The last result of a COPY from the context, as a source of files for its rebuild. A file whose checksum is
/// unchanged, and whose earlier copy has exactly the size, mtime, mode and owner a copy now would give it,
/// becomes a hard link to that copy: the new layer holds the same bytes and attributes, yet nothing is read
/// from the context, which after a one-file change is the whole cost of the COPY. Both are committed snapshots
/// of one store and never written again (a later step's change to such a file copies it up in its own layer),
/// so sharing the inode is safe; the layer tar writes each as a regular file, a link only within one layer.
/// </summary>
internal sealed class EarlierCopy(string earlierRoot, string upper, Func<string, bool> unchanged)
{
    /// <summary>The snapshot's own directory in a read-only view of it: a bind's source, or an overlay's top lowerdir.</summary>
    public static string? OwnDirectoryOf(IReadOnlyList<Mount> view) => view switch
    {
        [{ Type: "bind" } bind] => bind.Source,
        [{ Type: "overlay" } overlay] when overlay.Option("upperdir") is null => overlay.Option("lowerdir")?.Split(':')[0],
        _ => null,
    };

    /// <summary>Links <paramref name="destination"/> (inside the new snapshot's upper directory) to the earlier copy of context file <paramref name="rel"/>; false to copy it instead.</summary>
    public bool TryLink(string rel, string destination, in FileStat source, uint uid, uint gid, int permissions)
    {
        if (!OperatingSystem.IsLinux() || !unchanged(rel)) return false;
        string earlier = Path.Combine(earlierRoot, Path.GetRelativePath(upper, destination));
        FileStat then;
        try
        {
            then = FileOwnership.StatFull(earlier);
        }
        catch (UnixIOException)
        {
            return false;
        }
        if (!then.IsRegular || then.Size != source.Size || then.MTimeNanoseconds != source.MTimeNanoseconds
            || then.Permissions != permissions || then.Uid != uid || then.Gid != gid)
            return false;
        // EMLINK (the inode's link limit), EXDEV or a name already there: the file is copied as usual
        return Interop.Libc.link_solver(earlier, destination) == 0;
    }
}

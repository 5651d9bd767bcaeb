namespace Drydock.Solver.Executors;

/// <summary>
/// Copies files, directories and symlinks the way COPY lands them: modes and mtimes kept, symlinks copied as
/// links, owner set to <see cref="CopyAttributes.Uid"/>:<see cref="CopyAttributes.Gid"/>, --chmod applied to
/// everything copied. Directories that already exist at the destination are merged into.
/// </summary>
internal static class FileCopier
{
    // below this many files in a directory, starting parallel work costs more than it saves
    private const int ParallelThreshold = 32;

    // a copy is syscalls when the source is in the page cache and disk waits when it is not: more copies in
    // flight than cores keep the disk's queue full at the price of a little switching in the cached case
    private static readonly int CopiesInFlight = Math.Max(8, Environment.ProcessorCount);

    /// <summary>Copies the contents of <paramref name="from"/> into <paramref name="to"/> (cache mount seeding).</summary>
    public static Task CopyTreeAsync(string from, string to, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(from)) return Task.CompletedTask;
        foreach (string child in Directory.EnumerateFileSystemEntries(from))
            CopyEntry(child, Path.Combine(to, Path.GetFileName(child)), new CopyAttributes(0, 0, null), null, "", cancellationToken);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Copies one source entry to <paramref name="destination"/> (a host path already resolved in the root).
    /// <paramref name="include"/> filters entries below a directory by their path relative to <paramref name="relativeBase"/>.
    /// </summary>
    public static void CopyEntry(string source, string destination, CopyAttributes attributes, Func<string, bool, bool>? include, string relativeBase, CancellationToken cancellationToken)
        => CopyEntry(source, FileOwnership.StatFull(source), destination, attributes, include, relativeBase, cancellationToken);

    private static void CopyEntry(string source, in FileStat stat, string destination, CopyAttributes attributes, Func<string, bool, bool>? include, string relativeBase, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (uid, gid) = attributes.OwnerOf(stat);
        if (stat.IsSymlink)
        {
            RemoveExisting(destination);
            File.CreateSymbolicLink(destination, new FileInfo(source).LinkTarget!);
            FileOwnership.Chown(destination, uid, gid);
            return;
        }
        if (stat.IsDirectory)
        {
            CopyDirectory(source, stat, destination, attributes, include, relativeBase, cancellationToken);
            return;
        }
        int permissions = attributes.Chmod is { } chmod ? (int)chmod.Apply((UnixFileMode)stat.Permissions, isDirectory: false) : stat.Permissions;
        if (stat.IsRegular)
        {
            if (attributes.Reuse?.TryLink(relativeBase, destination, stat, uid, gid, permissions) == true) return;
            // the common case, a name nothing occupies yet, costs no lookups of the destination
            if (RegularFileCopy.TryCopyNew(source, stat, destination, uid, gid, permissions)) return;
            if (Directory.Exists(destination) && new FileInfo(destination).LinkTarget is null) Directory.Delete(destination, recursive: true);
            else RemoveExisting(destination);
            if (!RegularFileCopy.TryCopyNew(source, stat, destination, uid, gid, permissions))
                throw new IOException($"cannot copy to '{destination}': it appeared while the copy ran");
            return;
        }
        throw new Core.DrydockException(Core.ErrorKind.Unsupported, $"cannot copy '{source}': only regular files, directories and symlinks can be copied");
    }

    private static void CopyDirectory(string source, in FileStat stat, string destination, CopyAttributes attributes, Func<string, bool, bool>? include, string relativeBase, CancellationToken cancellationToken)
    {
        if (File.Exists(destination) || new FileInfo(destination).LinkTarget is not null) File.Delete(destination);
        bool existed = Directory.Exists(destination);
        Directory.CreateDirectory(destination);
        var files = new List<(string Source, FileStat Stat, string Destination, string Rel)>();
        foreach (string child in Directory.EnumerateFileSystemEntries(source))
        {
            string name = Path.GetFileName(child);
            string rel = relativeBase.Length == 0 ? name : relativeBase + "/" + name;
            FileStat childStat = FileOwnership.StatFull(child);
            if (include is not null && !include(rel, childStat.IsDirectory)) continue;
            if (childStat.IsDirectory) CopyEntry(child, childStat, Path.Combine(destination, name), attributes, include, rel, cancellationToken);
            else files.Add((child, childStat, Path.Combine(destination, name), rel));
        }
        // a copy of many small files is bound by syscalls, one file at a time: spread the files over the cores
        if (files.Count < ParallelThreshold)
            foreach (var f in files) CopyEntry(f.Source, f.Stat, f.Destination, attributes, include, f.Rel, cancellationToken);
        else
        {
            try
            {
                Parallel.ForEach(files, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = CopiesInFlight },
                    f => CopyEntry(f.Source, f.Stat, f.Destination, attributes, include, f.Rel, cancellationToken));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // the step reports the first failure as a sequential copy would, not a wrapper
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
        }
        UnixFileMode mode = (UnixFileMode)stat.Permissions;
        if (attributes.Chmod is { } chmod) mode = chmod.Apply(mode, isDirectory: true);
        if (!existed || attributes.Chmod is not null) File.SetUnixFileMode(destination, mode);
        if (!existed)
        {
            var (uid, gid) = attributes.OwnerOf(stat);
            FileOwnership.Chown(destination, uid, gid);
        }
        Directory.SetLastWriteTimeUtc(destination, DateTime.UnixEpoch.AddTicks(stat.MTimeNanoseconds / 100));
    }

    /// <summary>Creates <paramref name="directory"/> and its missing parents (0755, owned as given), as COPY does for its destination.</summary>
    public static void CreateParents(string root, string directory, uint uid, uint gid)
    {
        string rel = Path.GetRelativePath(root, directory);
        if (rel == ".") return;
        string current = root;
        foreach (string part in rel.Split('/'))
        {
            current = Path.Combine(current, part);
            if (Directory.Exists(current)) continue;
            if (File.Exists(current)) throw new IOException($"cannot create directory '{rel}': '{part}' is a file");
            Directory.CreateDirectory(current);
            File.SetUnixFileMode(current, (UnixFileMode)0b111_101_101);
            FileOwnership.Chown(current, uid, gid);
        }
    }

    private static void RemoveExisting(string path)
    {
        if (new FileInfo(path).LinkTarget is not null || File.Exists(path)) File.Delete(path);
    }
}

/// <summary>
/// How copied entries land: owner (or, for COPY --from without --chown, the source's owner, as BuildKit keeps it),
/// and optional --chmod.
/// </summary>
internal sealed record CopyAttributes(uint Uid, uint Gid, ChmodSpec? Chmod)
{
    public bool PreserveOwner { get; init; }

    /// <summary>Where unchanged files can be taken from instead of copied (a fresh destination of a rebuilt COPY).</summary>
    public EarlierCopy? Reuse { get; init; }

    public (uint Uid, uint Gid) OwnerOf(in FileStat source) => PreserveOwner ? (source.Uid, source.Gid) : (Uid, Gid);
}

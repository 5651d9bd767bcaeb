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
    {
        cancellationToken.ThrowIfCancellationRequested();
        var info = new FileInfo(source);
        var (uid, gid) = attributes.OwnerOf(source);
        if (info.LinkTarget is { } target)
        {
            RemoveExisting(destination);
            File.CreateSymbolicLink(destination, target);
            FileOwnership.Chown(destination, uid, gid);
            return;
        }
        if (Directory.Exists(source))
        {
            CopyDirectory(source, destination, attributes, include, relativeBase, cancellationToken);
            return;
        }
        if (Directory.Exists(destination) && new FileInfo(destination).LinkTarget is null)
            Directory.Delete(destination, recursive: true);
        else RemoveExisting(destination);
        File.Copy(source, destination, overwrite: false);
        UnixFileMode mode = File.GetUnixFileMode(source);
        if (attributes.Chmod is { } chmod) mode = chmod.Apply(mode, isDirectory: false);
        FileOwnership.Chown(destination, uid, gid);
        File.SetUnixFileMode(destination, mode);
        File.SetLastWriteTimeUtc(destination, attributes.ModifiedTime ?? info.LastWriteTimeUtc);
    }

    private static void CopyDirectory(string source, string destination, CopyAttributes attributes, Func<string, bool, bool>? include, string relativeBase, CancellationToken cancellationToken)
    {
        if (File.Exists(destination) || new FileInfo(destination).LinkTarget is not null) File.Delete(destination);
        bool existed = Directory.Exists(destination);
        Directory.CreateDirectory(destination);
        var files = new List<(string Source, string Destination, string Rel)>();
        foreach (string child in Directory.EnumerateFileSystemEntries(source))
        {
            string name = Path.GetFileName(child);
            string rel = relativeBase.Length == 0 ? name : relativeBase + "/" + name;
            bool isDir = Directory.Exists(child) && new FileInfo(child).LinkTarget is null;
            if (include is not null && !include(rel, isDir)) continue;
            if (isDir) CopyEntry(child, Path.Combine(destination, name), attributes, include, rel, cancellationToken);
            else files.Add((child, Path.Combine(destination, name), rel));
        }
        // a copy of many small files is bound by syscalls, one file at a time: spread the files over the cores
        if (files.Count < ParallelThreshold)
            foreach (var f in files) CopyEntry(f.Source, f.Destination, attributes, include, f.Rel, cancellationToken);
        else
        {
            try
            {
                Parallel.ForEach(files, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
                    f => CopyEntry(f.Source, f.Destination, attributes, include, f.Rel, cancellationToken));
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // the step reports the first failure as a sequential copy would, not a wrapper
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            }
        }
        UnixFileMode mode = File.GetUnixFileMode(source);
        if (attributes.Chmod is { } chmod) mode = chmod.Apply(mode, isDirectory: true);
        if (!existed || attributes.Chmod is not null) File.SetUnixFileMode(destination, mode);
        if (!existed)
        {
            var (uid, gid) = attributes.OwnerOf(source);
            FileOwnership.Chown(destination, uid, gid);
        }
        Directory.SetLastWriteTimeUtc(destination, attributes.ModifiedTime ?? Directory.GetLastWriteTimeUtc(source));
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
/// optional --chmod, optional fixed mtime.
/// </summary>
internal sealed record CopyAttributes(uint Uid, uint Gid, ChmodSpec? Chmod)
{
    public DateTime? ModifiedTime { get; init; }

    public bool PreserveOwner { get; init; }

    public (uint Uid, uint Gid) OwnerOf(string source)
    {
        if (!PreserveOwner) return (Uid, Gid);
        FileStat s = FileOwnership.StatFull(source);
        return (s.Uid, s.Gid);
    }
}

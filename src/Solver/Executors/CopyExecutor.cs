using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Drydock.Core;
using Drydock.Parser.Ignore;
using Drydock.Solver.Cache;
using Drydock.Solver.Context;
using Drydock.Solver.Graph;
using Drydock.Solver.Ops;

namespace Drydock.Solver.Executors;

/// <summary>
/// COPY and ADD. From the build context the key covers checksums of exactly the selected files (after
/// .dockerignore and --exclude); from a stage or image it covers that input's key; from a URL, the downloaded
/// content. The files land on an active snapshot of the root input with docker's rules: a directory source
/// copies its contents, a destination ending in "/" (or several sources) is a directory, missing parents are
/// created, owners are 0:0 unless --chown, --chmod applies to everything copied.
/// </summary>
public sealed class CopyExecutor(BuildServices services, BuildInputs inputs, ContextHasher hasher) : IOpExecutor
{
    private readonly ConcurrentDictionary<Vertex, UrlDownload> _downloads = new();

    public async ValueTask<CacheMap> GetCacheMapAsync(Vertex vertex, CancellationToken cancellationToken)
    {
        var op = (CopyOp)vertex.Op;
        Digest opDigest = OpJson.DigestOf(op);
        if (op.Url is { } url)
        {
            UrlDownload download = await _downloads.GetOrAdd(vertex, _ => new UrlDownload(services.Root, url, op.Checksum))
                .EnsureAsync(cancellationToken).ConfigureAwait(false);
            return new CacheMap(opDigest, []) { Content = [new ContentChecksum($"ADD source {url}", download.Digest!.Value)] };
        }
        if (op.SourceInput is not null || op.InlineFiles.Count > 0) return new CacheMap(opDigest, []);
        LocalContext context = inputs.Context(op.Context ?? BuildInputs.MainContext);
        var (checksum, files) = await Task.Run(() => HashSelection(op, context, cancellationToken), cancellationToken).ConfigureAwait(false);
        string subject = (op.IsAdd ? "ADD" : "COPY") + " source";
        return new CacheMap(opDigest, []) { Content = [new ContentChecksum(subject, checksum) { Files = files }] };
    }

    /// <summary>
    /// The checksum of exactly the selected entries, in name order, and each entry's value (a file's content
    /// digest) so that a miss can name what changed. One statx per entry; contents come from the memo.
    /// </summary>
    private (Digest Checksum, IReadOnlyDictionary<string, string> Files) HashSelection(CopyOp op, LocalContext context, CancellationToken ct)
    {
        var selector = new SourceSelector(context.Directory, context, Exclusions(op));
        var entries = new List<SelectedEntry>();
        foreach (string source in op.Sources)
        {
            foreach (string rel in selector.Expand(source))
            {
                ct.ThrowIfCancellationRequested();
                string host = rel.Length == 0 ? context.Directory : Path.Combine(context.Directory, rel);
                Collect(rel, host, selector, entries, ct);
            }
        }
        entries.Sort(SelectedEntry.ByName);
        hasher.Prefetch(context.Directory, entries, ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = new Dictionary<string, string>(entries.Count, StringComparer.Ordinal);
        string? previous = null;
        foreach (SelectedEntry entry in entries)
        {
            var (rel, path, stat) = (entry.Rel, entry.Path, entry.Stat);
            if (rel == previous) continue; // named twice (two overlapping sources): counted once
            previous = rel;
            string value = hasher.Append(hash, context.Directory, rel, path, stat);
            files[rel] = value;
        }
        return (Digest.FromSha256Hash(hash.GetHashAndReset()), files);
    }

    private static void Collect(string rel, string host, SourceSelector selector, List<SelectedEntry> entries, CancellationToken ct)
    {
        FileStat stat = FileOwnership.StatFull(host);
        if (rel.Length > 0) entries.Add(new SelectedEntry(rel, host, stat));
        if (!Directory.Exists(host)) return; // a named source that is a link to a directory is followed, as docker does
        foreach (string child in Directory.EnumerateFileSystemEntries(host))
        {
            ct.ThrowIfCancellationRequested();
            string childRel = rel.Length == 0 ? Path.GetFileName(child) : rel + "/" + Path.GetFileName(child);
            FileStat childStat = FileOwnership.StatFull(child);
            if (!selector.Includes(childRel, childStat.IsDirectory)) continue;
            if (childStat.IsDirectory) Collect(childRel, child, selector, entries, ct);
            else entries.Add(new SelectedEntry(childRel, child, childStat));
        }
    }

    public async ValueTask<SnapshotRef> ExecuteAsync(Vertex vertex, ImmutableArray<SnapshotRef> snapshots, StepContext context, CancellationToken cancellationToken)
    {
        var op = (CopyOp)vertex.Op;
        SnapshotRef parent = op.Root is { } r ? snapshots[r] : SnapshotRef.Empty;
        return await SnapshotWork.WithActiveAsync(services, parent, context, async (mounts, ct) =>
        {
            var (uid, gid) = UserSpec.IsNumeric(op.Chown)
                ? UserSpec.Resolve(op.Chown, null, null, chown: true)
                : UserSpec.Resolve(op.Chown, RootfsFiles.TryRead(mounts, "etc/passwd"), RootfsFiles.TryRead(mounts, "etc/group"), chown: true);
            var attributes = new CopyAttributes(uid, gid, op.Chmod is null ? null : ChmodSpec.Parse(op.Chmod))
            {
                PreserveOwner = op.SourceInput is not null && op.Chown is null,
            };
            string? upper = mounts is [{ Type: "overlay" } overlay] ? overlay.Option("upperdir") : null;
            // a rebuild after a change in the context: the files that did not change are taken from the last
            // result of this COPY (held by a view meanwhile), so only the changed ones are read from the context
            bool fromContext = op.SourceInput is null && op.Url is null && op.InlineFiles.Count == 0;
            string? viewKey = fromContext && upper is not null && context.Earlier is { } earlier
                ? "build-copy-earlier-" + Guid.NewGuid().ToString("N")[..16] : null;
            try
            {
                EarlierCopy? reuse = null;
                if (viewKey is not null && context.Earlier is { } e)
                {
                    try
                    {
                        IReadOnlyList<Mount> view = await services.Snapshotter.ViewAsync(viewKey, e.Snapshot, cancellationToken: ct).ConfigureAwait(false);
                        if (EarlierCopy.OwnDirectoryOf(view) is { } earlierDir)
                            reuse = new EarlierCopy(earlierDir, upper!, e.Unchanged((op.IsAdd ? "ADD" : "COPY") + " source"));
                    }
                    catch (DrydockException x) when (x.Kind == ErrorKind.NotFound)
                    {
                        // pruned since the cache lookup: every file is copied from the context
                    }
                }
                await SnapshotWork.WithMountedAsync(services, mounts, destRoot => WithSourceRootAsync(vertex, op, snapshots, (srcRoot, ctx) =>
                    CopyIntoAsync(op, srcRoot, ctx, new Destination(destRoot, upper), attributes, reuse, ct), ct), ct).ConfigureAwait(false);
            }
            finally
            {
                if (viewKey is not null) await SnapshotWork.RemoveQuietlyAsync(services, viewKey).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WithSourceRootAsync(Vertex vertex, CopyOp op, ImmutableArray<SnapshotRef> snapshots, Func<string, LocalContext?, ValueTask> work, CancellationToken ct)
    {
        if (op.Url is not null)
        {
            UrlDownload download = await _downloads.GetOrAdd(vertex, _ => new UrlDownload(services.Root, op.Url, op.Checksum)).EnsureAsync(ct).ConfigureAwait(false);
            await work(download.Directory, null).ConfigureAwait(false);
            return;
        }
        if (op.InlineFiles.Count > 0)
        {
            await WithInlineFilesAsync(op.InlineFiles, dir => work(dir, null), ct).ConfigureAwait(false);
            return;
        }
        if (op.SourceInput is not { } input)
        {
            LocalContext context = inputs.Context(op.Context ?? BuildInputs.MainContext);
            await work(context.Directory, context).ConfigureAwait(false);
            return;
        }
        SnapshotRef source = snapshots[input];
        if (source.IsEmpty)
        {
            string empty = Path.Combine(services.Root.Tmp, "empty-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(empty);
            try
            {
                await work(empty, null).ConfigureAwait(false);
            }
            finally
            {
                Directory.Delete(empty);
            }
            return;
        }
        string key = "build-copy-src-" + Guid.NewGuid().ToString("N")[..16];
        IReadOnlyList<Mount> view = await services.Snapshotter.ViewAsync(key, source.Name, cancellationToken: ct).ConfigureAwait(false);
        try
        {
            await SnapshotWork.WithMountedAsync(services, view, root => work(root, null), ct, allowReadOnly: true).ConfigureAwait(false);
        }
        finally
        {
            await SnapshotWork.RemoveQuietlyAsync(services, key).ConfigureAwait(false);
        }
    }

    /// <summary>Heredoc sources as files of mode 0644 in a scratch directory, as BuildKit's mkfile makes them.</summary>
    private async ValueTask WithInlineFilesAsync(IReadOnlyList<InlineFile> files, Func<string, ValueTask> work, CancellationToken ct)
    {
        string dir = Path.Combine(services.Root.Tmp, "heredoc-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            foreach (InlineFile f in files)
            {
                string path = Path.Combine(dir, f.Name);
                await File.WriteAllTextAsync(path, f.Content, ct).ConfigureAwait(false);
                File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
            }
            await work(dir).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private async ValueTask CopyIntoAsync(CopyOp op, string srcRoot, LocalContext? context, Destination dest, CopyAttributes attributes, EarlierCopy? reuse, CancellationToken ct)
    {
        string destRoot = dest.Root;
        var selector = new SourceSelector(srcRoot, context, Exclusions(op));
        var entries = new List<(string Source, string Rel)>();
        // ADD of a URL: the one downloaded file, named after the URL's last path segment
        IReadOnlyList<string> sources = op.Url is null ? op.Sources : [Path.GetFileName(Directory.EnumerateFiles(srcRoot).Single())];
        foreach (string source in sources)
            foreach (string rel in selector.Expand(source)) entries.Add((source, rel));
        bool destIsDir = op.Dest.EndsWith('/') || entries.Count > 1 || sources.Count > 1
            || Directory.Exists(RootPath.Resolve(destRoot, op.Dest, followLast: true));
        string destHost = RootPath.Resolve(destRoot, op.Dest, followLast: true);
        foreach (var (source, rel) in entries)
        {
            string host = rel.Length == 0 ? srcRoot : Path.Combine(srcRoot, rel);
            // the named source itself is followed when it is a symlink; links inside it are copied as links
            string followed = host;
            bool isDir = Directory.Exists(followed);
            string keep = op.Parents ? ParentsPath(source, rel) : "";
            if (isDir)
            {
                string target = keep.Length == 0 ? destHost : RootPath.Resolve(destRoot, Path.Combine(op.Dest, keep), followLast: true);
                bool fresh = entries.Count == 1 && !Path.Exists(target);
                FileCopier.CreateParents(destRoot, target, attributes.Uid, attributes.Gid);
                CopyDirectoryContents(followed, fresh ? dest.Direct(target) : target, fresh ? attributes with { Reuse = reuse } : attributes, selector, rel, ct);
                continue;
            }
            if (op.Unpack && context is not null && await ArchiveExtractor.TryExtractAsync(services, host, destHost, ct).ConfigureAwait(false))
                continue;
            string fileTarget = keep.Length > 0 ? RootPath.Resolve(destRoot, Path.Combine(op.Dest, keep))
                : destIsDir ? Path.Combine(destHost, Path.GetFileName(rel.Length == 0 ? host : rel))
                : destHost;
            FileCopier.CreateParents(destRoot, Path.GetDirectoryName(fileTarget)!, attributes.Uid, attributes.Gid);
            FileCopier.CopyEntry(followed, fileTarget, attributes, null, rel, ct);
        }
    }

    /// <summary>
    /// Where a COPY writes: the root as the step sees it (the snapshot mounted), and, when that mount is an
    /// overlay, its upper directory. A directory the step itself created, which no lower layer has, holds in the
    /// overlay exactly what its upper directory holds: a tree copied there straight lands as it would through
    /// the mount, at a third of the cost (overlayfs doubles the work of every create). Only the sole source of
    /// a step goes there, so nothing reads that directory through the mount, whose caches would not see it.
    /// </summary>
    private sealed record Destination(string Root, string? Upper)
    {
        public string Direct(string path) => Upper is null ? path : Path.Combine(Upper, Path.GetRelativePath(Root, path));
    }

    private static void CopyDirectoryContents(string source, string target, CopyAttributes attributes, SourceSelector selector, string rel, CancellationToken ct)
    {
        foreach (string child in Directory.EnumerateFileSystemEntries(source))
        {
            string name = Path.GetFileName(child);
            string childRel = rel.Length == 0 ? name : rel + "/" + name;
            bool isDir = Directory.Exists(child) && new FileInfo(child).LinkTarget is null;
            if (!selector.Includes(childRel, isDir)) continue;
            FileCopier.CopyEntry(child, Path.Combine(target, name), attributes, selector.Includes, childRel, ct);
        }
    }

    /// <summary>--parents keeps the source's path below the root, or below a "./" pivot in the source.</summary>
    private static string ParentsPath(string source, string rel)
    {
        int pivot = source.IndexOf("/./", StringComparison.Ordinal);
        if (pivot < 0) return rel;
        string before = SourceSelector.Clean(source[..pivot]);
        return before.Length > 0 && rel.StartsWith(before + "/", StringComparison.Ordinal) ? rel[(before.Length + 1)..] : rel;
    }

    private static PatternMatcher? Exclusions(CopyOp op) => op.Exclude.Count == 0 ? null : new PatternMatcher(op.Exclude);
}

/// <summary>One entry of a COPY selection (a class, not a tuple: generic code over it is precompiled, so a build starts faster).</summary>
internal sealed class SelectedEntry(string rel, string path, FileStat stat)
{
    public static readonly Comparison<SelectedEntry> ByName = (a, b) => string.CompareOrdinal(a.Rel, b.Rel);

    public string Rel { get; } = rel;

    public string Path { get; } = path;

    public FileStat Stat { get; } = stat;
}

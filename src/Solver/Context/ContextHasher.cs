using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Drydock.Core;
using Drydock.Solver.Executors;
using Microsoft.Extensions.Caching.Memory;

namespace Drydock.Solver.Context;

/// <summary>
/// Checksums of build-context files for COPY/ADD cache keys. An entry's checksum covers what lands in the
/// image (relative name, type, permission bits, size, link target, content), never its mtime or host owner.
/// Content digests are memoized by (path, size, mtime, inode): in memory across builds of one process
/// (Microsoft.Extensions.Caching.Memory), and on disk under cache/solver/context between runs, so an unchanged
/// 10,000-file context costs one statx(2) per file, not a read.
/// </summary>
public sealed class ContextHasher : IDisposable
{
    private static readonly MemoryCache s_memory = new(new MemoryCacheOptions { SizeLimit = 1_000_000 });
    private readonly string _persistDir;
    private readonly ConcurrentDictionary<string, PersistedContext> _persisted = new(StringComparer.Ordinal);

    public ContextHasher(DrydockRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        _persistDir = Path.Combine(root.Cache, "solver", "context");
    }

    /// <summary>The checksum of one entry (host path <paramref name="path"/>, named <paramref name="rel"/> in the selection).</summary>
    public Digest FileChecksum(string contextDir, string rel, string path) => FileChecksum(contextDir, rel, path, FileOwnership.StatFull(path));

    internal Digest FileChecksum(string contextDir, string rel, string path, FileStat stat)
    {
        if (stat.IsRegular)
        {
            // the content digest folded with what else lands: name, permission bits and size
            Digest content = ContentDigest(contextDir, path, stat);
            return Digest.Sha256(Encoding.UTF8.GetBytes($"file {rel} {stat.Permissions} {stat.Size} {content}"));
        }
        return Digest.Sha256(Encoding.UTF8.GetBytes(Header(rel, path, stat)));
    }

    /// <summary>
    /// Folds one entry into a selection's checksum cheaply (no hash per file): regular files contribute their
    /// content digest with name, mode and size; other entries their header. Returns the entry's value for miss
    /// explanations: a file's permission bits, size and content digest, or a directory's or link's header.
    /// </summary>
    internal string Append(IncrementalHash selection, string contextDir, string rel, string path, FileStat stat)
    {
        string line = stat.IsRegular
            ? $"file {rel} {stat.Permissions} {stat.Size} {ContentDigest(contextDir, path, stat).Encoded}"
            : Header(rel, path, stat);
        selection.AppendData(Encoding.UTF8.GetBytes(line));
        selection.AppendData("\n"u8);
        return stat.IsRegular ? line[(line.IndexOf(' ', 5 + rel.Length) + 1)..] : line;
    }

    private static string Header(string rel, string path, FileStat stat)
        => stat.IsSymlink ? $"link {rel} {stat.Permissions} {new FileInfo(path).LinkTarget}"
            : stat.IsDirectory ? $"dir {rel} {stat.Permissions}"
            : $"special {rel} {stat.Mode}";

    /// <summary>
    /// Reads and memoizes the files of <paramref name="entries"/> the memo does not know yet, several at a time: a
    /// first build or one after a prune is bound by these reads, and with a cold page cache by the disk, which
    /// serves eight reads in flight in a fraction of the time of one after another.
    /// </summary>
    internal void Prefetch(string contextDir, IReadOnlyList<SelectedEntry> entries, CancellationToken cancellationToken)
    {
        var unknown = new List<SelectedEntry>();
        foreach (SelectedEntry e in entries)
            if (e.Stat.IsRegular && !Knows(contextDir, e.Path, e.Stat)) unknown.Add(e);
        if (unknown.Count < 16) return;
        Parallel.ForEach(unknown, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            e => ContentDigest(contextDir, e.Path, e.Stat));
    }

    private bool Knows(string contextDir, string path, FileStat stat) => TryRemembered(contextDir, path, stat, out _);

    /// <summary>The content digest the memo holds for this exact file state (size, mtime, inode), if any.</summary>
    private bool TryRemembered(string contextDir, string path, FileStat stat, out Digest digest)
    {
        var stamp = new Stamp(stat.Size, stat.MTimeNanoseconds, (long)stat.Inode);
        // the shared cache holds what this process read; the persisted memo, what earlier builds read
        if ((s_memory.TryGetValue("ctx:" + path, out Memo? memo) && memo!.Stamp == stamp)
            || (_persisted.GetOrAdd(contextDir, Load).Entries.TryGetValue(RelativeTo(contextDir, path), out memo) && memo.Stamp == stamp))
        {
            digest = memo.Digest;
            return true;
        }
        digest = default;
        return false;
    }

    private Digest ContentDigest(string contextDir, string path, FileStat stat)
    {
        if (TryRemembered(contextDir, path, stat, out Digest digest)) return digest;
        using (FileStream s = new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan))
            digest = Digest.FromSha256Hash(SHA256.HashData(s));
        var memo = new Memo(new Stamp(stat.Size, stat.MTimeNanoseconds, (long)stat.Inode), digest);
        PersistedContext persisted = _persisted.GetOrAdd(contextDir, Load);
        persisted.Entries[RelativeTo(contextDir, path)] = memo;
        persisted.Dirty = true;
        s_memory.Set("ctx:" + path, memo, new MemoryCacheEntryOptions { Size = 1 });
        return digest;
    }

    private static string RelativeTo(string contextDir, string path) => path.Length > contextDir.Length + 1 ? path[(contextDir.Length + 1)..] : path;

    /// <summary>Writes the memo of every context hashed in this build back to disk (a compact binary file per context).</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        foreach (var (dir, persisted) in _persisted)
        {
            if (!persisted.Dirty) continue;
            Directory.CreateDirectory(_persistDir);
            string path = PersistPath(dir);
            string tmp = $"{path}.{Environment.ProcessId}.tmp";
            await using (FileStream f = File.Create(tmp))
            await using (var w = new BinaryWriter(f))
            {
                w.Write(FormatVersion);
                w.Write(persisted.Entries.Count);
                foreach (var (rel, memo) in persisted.Entries)
                {
                    w.Write(rel);
                    w.Write(memo.Stamp.Size);
                    w.Write(memo.Stamp.MTime);
                    w.Write(memo.Stamp.Inode);
                    w.Write(Convert.FromHexString(memo.Digest.Encoded));
                }
            }
            File.Move(tmp, path, overwrite: true);
            persisted.Dirty = false;
        }
    }

    public void Dispose() => _persisted.Clear();

    private const int FormatVersion = 1;

    private PersistedContext Load(string contextDir)
    {
        var entries = new ConcurrentDictionary<string, Memo>(StringComparer.Ordinal);
        try
        {
            using FileStream f = new(PersistPath(contextDir), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var r = new BinaryReader(f);
            if (r.ReadInt32() != FormatVersion) return new PersistedContext(entries);
            int count = r.ReadInt32();
            for (int i = 0; i < count; i++)
            {
                string rel = r.ReadString();
                var stamp = new Stamp(r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
                entries[rel] = new Memo(stamp, Digest.FromSha256Hash(r.ReadBytes(32)));
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException)
        {
            // missing or torn: every file is read once more and the memo rewritten
        }
        return new PersistedContext(entries);
    }

    private string PersistPath(string contextDir) => Path.Combine(_persistDir, Digest.Sha256(Encoding.UTF8.GetBytes(Path.GetFullPath(contextDir))).Encoded + ".bin");

    private sealed record Stamp(long Size, long MTime, long Inode);

    private sealed record Memo(Stamp Stamp, Digest Digest);

    private sealed class PersistedContext(ConcurrentDictionary<string, Memo> entries)
    {
        public ConcurrentDictionary<string, Memo> Entries { get; } = entries;

        public bool Dirty { get; set; }
    }
}

using System.Buffers.Binary;
using System.IO.Enumeration;
using System.IO.Hashing;
using System.Text;
using Drydock.Solver.Executors;

namespace Drydock.Solver.Memo;

/// <summary>
/// The state of a context directory as the file system reports it, folded into one digest: every entry's
/// relative name, type and mode, owner, size, inode, mtime and ctime, walked in sorted order. No file is read,
/// yet anything a build could see changes it (an edit, a chmod, a rename, an added file), since an inode's
/// ctime moves on every change and cannot be set back. Directories that .dockerignore excludes with no
/// exception below them are not walked: no build sees them. A symlink that leads out of the context, or to what
/// .dockerignore excludes, makes the state one that must not be remembered.
/// </summary>
public static class ContextFingerprint
{
    private static readonly EnumerationOptions s_entries = new() { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false };

    /// <summary>Walks <paramref name="contextDir"/>; <paramref name="isExcluded"/> and <paramref name="mayIncludeUnder"/> are the context's ignore rules.</summary>
    public static ContextState Take(string contextDir, Func<string, bool>? isExcluded, Func<string, bool>? mayIncludeUnder)
    {
        ArgumentException.ThrowIfNullOrEmpty(contextDir);
        long takenAt = DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks;
        // a non-cryptographic 128-bit hash: no adversary picks the file times, and it spares a start of OpenSSL
        var hash = new XxHash128();
        long newest = 0;
        var pending = new Stack<(string Host, string Rel)>();
        pending.Push((contextDir, ""));
        string inside = Path.GetFullPath(contextDir).TrimEnd('/') + "/";
        bool leaves = false;
        var names = new List<string>();
        while (pending.TryPop(out var dir))
        {
            names.Clear();
            names.AddRange(new FileSystemEnumerable<string>(dir.Host, static (ref FileSystemEntry e) => e.FileName.ToString(), s_entries));
            names.Sort(StringComparer.Ordinal);
            // pushed in reverse, popped in order: the walk (and so the digest) is depth-first in sorted order
            for (int i = names.Count - 1; i >= 0; i--)
            {
                string rel = dir.Rel.Length == 0 ? names[i] : dir.Rel + "/" + names[i];
                string host = Path.Combine(dir.Host, names[i]);
                FileStat stat = FileOwnership.StatFull(host);
                newest = Math.Max(newest, Fold(hash, rel, stat));
                // a link into the walked context is covered by the walk; one that leads out, or into what
                // .dockerignore leaves unwalked (a named COPY source follows it), points at what no
                // fingerprint of the context vouches for
                if (stat.IsSymlink && Follow(host) is { } target && !Covered(target + "/", inside, isExcluded)) leaves = true;
                else if (stat.IsDirectory && !(isExcluded?.Invoke(rel) == true && mayIncludeUnder?.Invoke(rel) != true))
                    pending.Push((host, rel));
            }
        }
        return new ContextState(Convert.ToHexStringLower(hash.GetCurrentHash()), newest, takenAt * 100) { LeavesContext = leaves };
    }

    /// <summary>Whether the walk reached <paramref name="target"/> (with a trailing '/'): inside the context and not excluded.</summary>
    private static bool Covered(string target, string inside, Func<string, bool>? isExcluded)
        => target.StartsWith(inside, StringComparison.Ordinal)
            && (target.Length == inside.Length || isExcluded?.Invoke(target[inside.Length..^1]) != true);

    /// <summary>Where a symlink finally points; null when it dangles or loops (then only the link itself counts).</summary>
    private static string? Follow(string link)
    {
        try
        {
            return File.ResolveLinkTarget(link, returnFinalTarget: true) is { } target && Path.Exists(target.FullName) ? target.FullName : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Folds one entry into the digest; returns its newest change time.</summary>
    private static long Fold(XxHash128 hash, string rel, FileStat stat)
    {
        hash.Append(Encoding.UTF8.GetBytes(rel));
        hash.Append("\0"u8);
        Span<byte> fields = stackalloc byte[48];
        BinaryPrimitives.WriteInt32LittleEndian(fields, stat.Mode);
        BinaryPrimitives.WriteUInt32LittleEndian(fields[4..], stat.Uid);
        BinaryPrimitives.WriteUInt32LittleEndian(fields[8..], stat.Gid);
        BinaryPrimitives.WriteUInt32LittleEndian(fields[12..], 0);
        BinaryPrimitives.WriteUInt64LittleEndian(fields[16..], stat.Inode);
        BinaryPrimitives.WriteInt64LittleEndian(fields[24..], stat.Size);
        BinaryPrimitives.WriteInt64LittleEndian(fields[32..], stat.MTimeNanoseconds);
        BinaryPrimitives.WriteInt64LittleEndian(fields[40..], stat.CTimeNanoseconds);
        hash.Append(fields);
        return Math.Max(stat.MTimeNanoseconds, stat.CTimeNanoseconds);
    }
}

/// <summary>
/// A context's fingerprint, the newest change time among its entries and when it was taken (nanoseconds since
/// the epoch). File times come from a coarse clock: an entry changed just before the walk could change again
/// within the same tick and keep its times, so only a <see cref="IsSettled"/> state may be remembered, and only
/// one whose links all stay inside the context.
/// </summary>
public sealed record ContextState(string Digest, long NewestChangeNanoseconds, long TakenAtNanoseconds)
{
    private const long SettleNanoseconds = 1_000_000_000;

    public bool IsSettled => NewestChangeNanoseconds < TakenAtNanoseconds - SettleNanoseconds;

    /// <summary>A symlink in the context points outside it.</summary>
    public bool LeavesContext { get; init; }

    public bool CanBeRemembered => IsSettled && !LeavesContext;
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Drydock.Core;
using Drydock.Core.Locking;

namespace Drydock.Snapshotter.Metadata;

/// <summary>
/// Snapshot records on disk, one JSON file each. Readers need no lock (a record is replaced by rename, so it is
/// either the old or the new one); writers hold <see cref="LockAsync"/>, which serializes tasks and processes.
/// </summary>
internal sealed class MetadataStore(SnapshotPaths paths)
{
    private const string Extension = ".json";

    public ValueTask<FileLock> LockAsync(CancellationToken cancellationToken) => FileLock.AcquireAsync(paths.Lock, cancellationToken);

    public SnapshotRecord? TryRead(string name) => TryReadFile(FileOf(name));

    public IEnumerable<SnapshotRecord> ReadAll()
    {
        if (!Directory.Exists(paths.Records)) yield break;
        foreach (string file in Directory.EnumerateFiles(paths.Records, "*" + Extension))
        {
            if (Path.GetFileName(file).StartsWith('.')) continue;
            if (TryReadFile(file) is { } record) yield return record;
        }
    }

    /// <summary>Writes a record; a durable write (a commit) is on disk when this returns.</summary>
    public void Write(SnapshotRecord record, bool durable)
        => AtomicFile.Write(FileOf(record.Name), SnapshotRecordJson.Write(record), durable);

    public void Delete(string name, bool durable) => AtomicFile.Delete(FileOf(name), durable);

    /// <summary>
    /// A fresh id, never the id of an existing data directory: the counter is a hint (it may lag after a crash),
    /// the directory is the truth. Called under the lock; creates the data directory.
    /// </summary>
    public long AllocateId()
    {
        long next = 1;
        try
        {
            if (File.Exists(paths.NextId) && long.TryParse(File.ReadAllText(paths.NextId), NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0) next = n;
        }
        catch (FileNotFoundException)
        {
        }
        while (Directory.Exists(paths.DataOf(next))) next++;
        Directory.CreateDirectory(paths.DataOf(next));
        AtomicFile.Write(paths.NextId, Encoding.ASCII.GetBytes((next + 1).ToString(CultureInfo.InvariantCulture)), durable: false);
        return next;
    }

    /// <summary>Removes temp files a killed writer left; only under the lock, when no writer can be mid-write.</summary>
    public void RemoveTempFiles()
    {
        foreach (string file in Directory.EnumerateFiles(paths.Records, AtomicFile.TempPrefix + "*")) File.Delete(file);
        foreach (string file in Directory.EnumerateFiles(paths.Root, AtomicFile.TempPrefix + "*")) File.Delete(file);
    }

    private string FileOf(string name) => Path.Combine(paths.Records, Escape(name) + Extension);

    /// <summary>Names such as "sha256:…" or "build/x" become file names: bytes outside [A-Za-z0-9._-] are %XX; long ones are hashed.</summary>
    internal static string Escape(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        foreach (byte b in Encoding.UTF8.GetBytes(name))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && sb.Length > 0)) sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        if (sb.Length <= 200) return sb.ToString();
        return "%h-" + Digest.Sha256(Encoding.UTF8.GetBytes(name)).Encoded;
    }

    private static SnapshotRecord? TryReadFile(string file)
    {
        // a missing record is the common answer (is this key free?): asked first, it costs a stat, not an exception
        if (!File.Exists(file)) return null;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            return SnapshotRecordJson.TryRead(bytes) ?? JsonSerializer.Deserialize(bytes, MetadataJsonContext.Default.SnapshotRecord);
        }
        catch (JsonException e)
        {
            throw new DrydockException(ErrorKind.DataCorrupted,
                $"failed to read snapshot record '{file}': {Core.Json.JsonValues.Problem(e)}; remove the file to drop the snapshot");
        }
    }
}

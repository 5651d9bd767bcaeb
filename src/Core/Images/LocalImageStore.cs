using System.Runtime.CompilerServices;
using System.Text.Json;
using Drydock.Core.Locking;

namespace Drydock.Core.Images;

/// <summary>
/// Image records on disk: one small JSON file per name under <c>images/</c>, the name percent-encoded into the
/// file name. A record is replaced by writing a temporary file and renaming it over the old one, so readers
/// always see a whole record. Read-modify-write sequences that span several records (tag, untag, prune) hold
/// <see cref="LockAsync"/>, an flock shared by every process on the root.
/// </summary>
public sealed class LocalImageStore : IImageStore
{
    private const string Extension = ".json";
    private readonly string _dir;

    public LocalImageStore(DrydockRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        _dir = root.Images;
    }

    /// <summary>Serializes multi-record updates across processes.</summary>
    public ValueTask<FileLock> LockAsync(CancellationToken cancellationToken = default)
        => FileLock.AcquireAsync(Path.Combine(_dir, ".lock"), cancellationToken);

    public ValueTask<ImageRecord?> TryGetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(PathOf(name)));
    }

    public async ValueTask SetAsync(ImageRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        Directory.CreateDirectory(_dir);
        string path = PathOf(record.Name);
        string tmp = Path.Combine(_dir, $".tmp-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            byte[] json = JsonSerializer.SerializeToUtf8Bytes(record, ImageStoreJsonContext.Default.ImageRecord);
            await File.WriteAllBytesAsync(tmp, json, cancellationToken).ConfigureAwait(false);
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }

    public ValueTask<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        cancellationToken.ThrowIfCancellationRequested();
        string path = PathOf(name);
        if (!File.Exists(path)) return ValueTask.FromResult(false);
        File.Delete(path);
        return ValueTask.FromResult(true);
    }

    public async IAsyncEnumerable<ImageRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_dir)) yield break;
        foreach (string path in Directory.EnumerateFiles(_dir, "*" + Extension))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Read(path) is { } record) yield return record;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    private string PathOf(string name) => Path.Combine(_dir, FileNameOf(name) + Extension);

    /// <summary>
    /// The name percent-encoded as RFC 3986 encodes data (Uri.EscapeDataString's encoding, which names the records
    /// of existing stores): UTF-8 bytes other than letters, digits and -._~ become %XX. By hand, because loading
    /// System.Private.Uri for it cost every cached build a library load.
    /// </summary>
    internal static string FileNameOf(string name)
    {
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(name);
        var s = new System.Text.StringBuilder(utf8.Length + 16);
        foreach (byte b in utf8)
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~') s.Append((char)b);
            else s.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 15]);
        }
        return s.ToString();
    }

    // Records are a few hundred bytes: a synchronous read costs less than scheduling an asynchronous one,
    // and `drydock images` reads one per name.
    private static ImageRecord? Read(string path)
    {
        byte[] json;
        try
        {
            json = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // deleted between listing and reading
        }
        try
        {
            return ImageRecordReader.Read(json);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new DrydockException(ErrorKind.DataCorrupted, $"invalid image record '{path}': {e.Message}; remove the file to drop the record");
        }
    }
}

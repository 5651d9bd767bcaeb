using System.Buffers;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Drydock.Snapshotter.Layers;

/// <summary>
/// Writes reproducible layer tars in the shape Go's archive/tar writes with FormatPAX, as containerd and
/// BuildKit do: a ustar header per entry, a PAX header only when a field does not fit (long or non-ASCII names,
/// large ids or sizes, xattrs), numeric ids only (no uname/gname), whole-second mtimes, no atime/ctime, and two
/// zero blocks at the end (no padding to a record size). With a SOURCE_DATE_EPOCH, mtimes are clamped to it.
/// Callers give entries in layer order; the writer does not sort.
/// </summary>
internal sealed class LayerTarWriter : IDisposable
{
    private const int BlockSize = 512;
    private const long MaxOctal7 = 0x1FFFFF;          // 7 octal digits
    private const long MaxOctal11 = 0x1FFFFFFFF;      // 11 octal digits

    private readonly Stream _output;
    private readonly long? _epoch;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
    private int _used;

    public LayerTarWriter(Stream output, DateTimeOffset? sourceDateEpoch)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _epoch = sourceDateEpoch?.ToUnixTimeSeconds();
    }

    /// <summary>The mtime a header gets for <paramref name="seconds"/>: clamped to SOURCE_DATE_EPOCH when given.</summary>
    public long ClampTime(long seconds) => _epoch is { } e && seconds > e ? e : seconds;

    public void WriteHeader(TarHeader h)
    {
        string name = h.TypeFlag == TarHeader.TypeDirectory && !h.Name.EndsWith('/') ? h.Name + "/" : h.Name;
        long mtime = ClampTime(h.MtimeSeconds);
        byte[]? pax = PaxRecords(h, name, mtime);
        if (pax is not null)
        {
            string paxName = "PaxHeaders.0/" + PathBase(name);
            WriteUstar(paxName, "", TarHeader.TypePax, 0, 0, 0, pax.Length, 0, 0, 0);
            WriteBytes(pax);
            Pad(pax.Length);
        }
        WriteUstar(name, h.LinkName, h.TypeFlag, h.Mode, h.Uid, h.Gid, h.Size, mtime, h.DevMajor, h.DevMinor);
    }

    /// <summary>Copies exactly <paramref name="size"/> bytes of a regular file after its header, then pads.</summary>
    public void WriteFileContent(string path, long size)
    {
        if (size == 0) return;
        using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
        long offset = 0;
        while (offset < size)
        {
            if (_used == _buffer.Length) FlushBuffer();
            int want = (int)Math.Min(_buffer.Length - _used, size - offset);
            int n = RandomAccess.Read(file, _buffer.AsSpan(_used, want), offset);
            if (n == 0) throw new IOException($"file '{path}' shrank while it was written to a layer");
            _used += n;
            offset += n;
        }
        Pad(size);
    }

    /// <summary>Copies exactly <paramref name="size"/> bytes of <paramref name="source"/> after its header, then pads.</summary>
    public void WriteFileContent(Stream source, long size, string what, CancellationToken cancellationToken)
    {
        long left = size;
        while (left > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_used == _buffer.Length) FlushBuffer();
            int n = source.Read(_buffer, _used, (int)Math.Min(_buffer.Length - _used, left));
            if (n == 0) throw new IOException($"{what} ended {left} bytes short of its {size} bytes");
            _used += n;
            left -= n;
        }
        Pad(size);
    }

    /// <summary>Writes a regular file's content already read (its header announced this many bytes), then pads.</summary>
    public void WriteFileContent(ReadOnlySpan<byte> content)
    {
        WriteBytes(content);
        Pad(content.Length);
    }

    /// <summary>Writes the end-of-archive marker and flushes; the output stays open.</summary>
    public void Finish()
    {
        WriteZeros(2 * BlockSize);
        FlushBuffer();
    }

    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private static byte[]? PaxRecords(TarHeader h, string name, long mtime)
    {
        List<KeyValuePair<string, byte[]>>? records = null;
        void Add(string key, byte[] value) => (records ??= []).Add(new(key, value));
        if (!FitsUstarString(name, 100)) Add("path", Encoding.UTF8.GetBytes(name));
        if (!FitsUstarString(h.LinkName, 100)) Add("linkpath", Encoding.UTF8.GetBytes(h.LinkName));
        if (h.Uid > MaxOctal7) Add("uid", Encoding.ASCII.GetBytes(h.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (h.Gid > MaxOctal7) Add("gid", Encoding.ASCII.GetBytes(h.Gid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (h.Size > MaxOctal11) Add("size", Encoding.ASCII.GetBytes(h.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (mtime is < 0 or > MaxOctal11) Add("mtime", Encoding.ASCII.GetBytes(mtime.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (KeyValuePair<string, byte[]> x in h.Xattrs) Add("SCHILY.xattr." + x.Key, x.Value);
        if (records is null) return null;
        records.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        using var ms = new MemoryStream();
        foreach (KeyValuePair<string, byte[]> r in records) WritePaxRecord(ms, r.Key, r.Value);
        return ms.ToArray();
    }

    /// <summary>"%d %s=%s\n" where the leading length counts the whole record, itself included (POSIX pax).</summary>
    private static void WritePaxRecord(MemoryStream ms, string key, byte[] value)
    {
        int keyBytes = Encoding.UTF8.GetByteCount(key);
        int body = 1 + keyBytes + 1 + value.Length + 1;
        int length = body + 1;
        while (length != body + Digits(length)) length = body + Digits(length);
        ms.Write(Encoding.ASCII.GetBytes(length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        ms.WriteByte((byte)' ');
        ms.Write(Encoding.UTF8.GetBytes(key));
        ms.WriteByte((byte)'=');
        ms.Write(value);
        ms.WriteByte((byte)'\n');
    }

    private static int Digits(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;

    private static bool FitsUstarString(string s, int length)
    {
        if (s.Length > length) return false;
        foreach (char c in s) if (c is '\0' or > (char)0x7f) return false;
        return true;
    }

    private static string PathBase(string name)
    {
        string trimmed = name.TrimEnd('/');
        int slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }

    private void WriteUstar(string name, string linkName, byte type, uint mode, long uid, long gid, long size, long mtime, uint devMajor, uint devMinor)
    {
        if (_buffer.Length - _used < BlockSize) FlushBuffer();
        Span<byte> b = _buffer.AsSpan(_used, BlockSize);
        b.Clear();
        AsciiField(b.Slice(0, 100), name);
        Octal(b.Slice(100, 8), mode);
        Octal(b.Slice(108, 8), uid > MaxOctal7 ? 0 : uid);
        Octal(b.Slice(116, 8), gid > MaxOctal7 ? 0 : gid);
        Octal(b.Slice(124, 12), size > MaxOctal11 ? 0 : size);
        Octal(b.Slice(136, 12), mtime is < 0 or > MaxOctal11 ? 0 : mtime);
        b[156] = type;
        AsciiField(b.Slice(157, 100), linkName);
        "ustar\0"u8.CopyTo(b.Slice(257, 6));
        "00"u8.CopyTo(b.Slice(263, 2));
        Octal(b.Slice(329, 8), devMajor);
        Octal(b.Slice(337, 8), devMinor);
        b.Slice(148, 8).Fill((byte)' ');
        int sum = 0;
        foreach (byte x in b) sum += x;
        Octal(b.Slice(148, 7), sum);
        b[155] = (byte)' ';
        _used += BlockSize;
    }

    /// <summary>Zero-padded octal digits filling all but the last byte, which stays NUL (as Go's formatOctal).</summary>
    private static void Octal(Span<byte> field, long value)
    {
        for (int i = field.Length - 2; i >= 0; i--)
        {
            field[i] = (byte)('0' + (value & 7));
            value >>= 3;
        }
        field[^1] = 0;
    }

    /// <summary>A string field; bytes that are not ASCII are replaced (the PAX record carries the real value).</summary>
    private static void AsciiField(Span<byte> field, string s)
    {
        int n = Math.Min(s.Length, field.Length);
        for (int i = 0; i < n; i++) field[i] = s[i] is > (char)0 and <= (char)0x7f ? (byte)s[i] : (byte)'?';
    }

    private void WriteBytes(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_used == _buffer.Length) FlushBuffer();
            int n = Math.Min(data.Length, _buffer.Length - _used);
            data[..n].CopyTo(_buffer.AsSpan(_used));
            _used += n;
            data = data[n..];
        }
    }

    private void Pad(long size)
    {
        int rem = (int)(size % BlockSize);
        if (rem != 0) WriteZeros(BlockSize - rem);
    }

    private void WriteZeros(int count)
    {
        while (count > 0)
        {
            if (_used == _buffer.Length) FlushBuffer();
            int n = Math.Min(count, _buffer.Length - _used);
            _buffer.AsSpan(_used, n).Clear();
            _used += n;
            count -= n;
        }
    }

    private void FlushBuffer()
    {
        if (_used == 0) return;
        _output.Write(_buffer, 0, _used);
        _used = 0;
    }
}

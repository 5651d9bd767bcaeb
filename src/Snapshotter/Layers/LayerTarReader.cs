using System.Buffers;
using System.Text;
using Drydock.Core;

namespace Drydock.Snapshotter.Layers;

/// <summary>
/// A streaming reader of layer tars: ustar, POSIX pax (path, linkpath, size, uid, gid, mtime, SCHILY.xattr.*)
/// and GNU long names. We read tars ourselves rather than with System.Formats.Tar's TarReader because that
/// decodes pax values as UTF-8 strings, which corrupts binary xattrs such as security.capability; and so entry
/// data can be written straight from the read buffer. Data is returned as slices of one 1 MiB buffer.
/// </summary>
internal sealed class LayerTarReader : IDisposable
{
    private const int Block = 512;

    private readonly Stream _input;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
    private int _pos;
    private int _length;
    private long _dataRemaining;
    private int _padding;

    public LayerTarReader(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
    }

    public TarHeader Header { get; } = new();

    /// <summary>Bytes of the current entry's data not yet returned by <see cref="ReadData"/>.</summary>
    public long DataRemaining => _dataRemaining;

    /// <summary>Advances to the next entry (skipping unread data); false at the end-of-archive marker or at EOF.</summary>
    public bool MoveNext()
    {
        Skip(_dataRemaining + _padding);
        _dataRemaining = 0;
        _padding = 0;
        Dictionary<string, byte[]>? pax = null;
        string? longName = null, longLink = null;
        while (true)
        {
            if (!Fill(Block))
            {
                if (_length - _pos == 0 && pax is null && longName is null && longLink is null) return false;
                throw Truncated();
            }
            ReadOnlySpan<byte> b = _buffer.AsSpan(_pos, Block);
            if (!b.ContainsAnyExcept((byte)0)) return false;
            VerifyChecksum(b);
            byte type = b[156];
            long size = ParseNumber(b.Slice(124, 12));
            if (type is TarHeader.TypePax or TarHeader.TypePaxGlobal or TarHeader.TypeGnuLongName or TarHeader.TypeGnuLongLink)
            {
                _pos += Block;
                byte[] data = ReadSmall(size);
                if (type == TarHeader.TypePax) pax = ParsePax(data);
                else if (type == TarHeader.TypeGnuLongName) longName = CString(data);
                else if (type == TarHeader.TypeGnuLongLink) longLink = CString(data);
                continue;
            }
            ParseUstar(b, type, size);
            _pos += Block;
            if (longName is not null) Header.Name = longName;
            if (longLink is not null) Header.LinkName = longLink;
            if (pax is not null) ApplyPax(pax);
            // header-only types carry no data whatever their size field says, as Go's reader treats them
            if (IsHeaderOnly(Header.TypeFlag)) Header.Size = 0;
            _dataRemaining = Header.Size;
            _padding = (int)((Block - (Header.Size % Block)) % Block);
            return true;
        }
    }

    /// <summary>The next slice of the current entry's data; empty when it is all read.</summary>
    public ReadOnlySpan<byte> ReadData()
    {
        if (_dataRemaining == 0) return default;
        if (_pos == _length && !Fill(1)) throw Truncated();
        int n = (int)Math.Min(_length - _pos, _dataRemaining);
        ReadOnlySpan<byte> chunk = _buffer.AsSpan(_pos, n);
        _pos += n;
        _dataRemaining -= n;
        return chunk;
    }

    /// <summary>Reads the rest of the input (end-of-archive blocks, record padding) so a digest covers it all.</summary>
    public void DrainToEnd()
    {
        _pos = _length = 0;
        while (_input.Read(_buffer, 0, _buffer.Length) > 0)
        {
        }
    }

    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private static bool IsHeaderOnly(byte type) => type is TarHeader.TypeHardlink or TarHeader.TypeSymlink
        or TarHeader.TypeChar or TarHeader.TypeBlock or TarHeader.TypeDirectory or TarHeader.TypeFifo;

    private void ParseUstar(ReadOnlySpan<byte> b, byte type, long size)
    {
        TarHeader h = Header;
        h.Reset();
        h.TypeFlag = type;
        string name = CString(b[..100]);
        bool posix = b.Slice(257, 6).SequenceEqual("ustar\0"u8);
        if (posix && b[345] != 0) name = CString(b.Slice(345, 155)) + "/" + name;
        h.Name = name;
        h.Mode = (uint)(ParseNumber(b.Slice(100, 8)) & 0xFFF);
        h.Uid = ParseNumber(b.Slice(108, 8));
        h.Gid = ParseNumber(b.Slice(116, 8));
        h.Size = size;
        h.MtimeSeconds = ParseNumber(b.Slice(136, 12));
        h.LinkName = CString(b.Slice(157, 100));
        if (type is TarHeader.TypeChar or TarHeader.TypeBlock)
        {
            h.DevMajor = (uint)ParseNumber(b.Slice(329, 8));
            h.DevMinor = (uint)ParseNumber(b.Slice(337, 8));
        }
    }

    private void ApplyPax(Dictionary<string, byte[]> pax)
    {
        TarHeader h = Header;
        foreach ((string key, byte[] value) in pax)
        {
            switch (key)
            {
                case "path": h.Name = Encoding.UTF8.GetString(value); break;
                case "linkpath": h.LinkName = Encoding.UTF8.GetString(value); break;
                case "size": h.Size = ParseDecimal(value, key); break;
                case "uid": h.Uid = ParseDecimal(value, key); break;
                case "gid": h.Gid = ParseDecimal(value, key); break;
                case "mtime": ParseTime(value, h); break;
                default:
                    if (key.StartsWith("SCHILY.xattr.", StringComparison.Ordinal)) h.Xattrs.Add(new(key["SCHILY.xattr.".Length..], value));
                    else if (key.StartsWith("GNU.sparse.", StringComparison.Ordinal))
                        throw new DrydockException(ErrorKind.Unsupported, $"entry '{h.Name}' is a GNU sparse file, which layers may not use");
                    break;
            }
        }
    }

    private static Dictionary<string, byte[]> ParsePax(byte[] data)
    {
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        ReadOnlySpan<byte> s = data;
        while (!s.IsEmpty && s[0] != 0)
        {
            int space = s.IndexOf((byte)' ');
            if (space <= 0 || !int.TryParse(s[..space], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int length)
                || length > s.Length || length <= space + 1 || s[length - 1] != '\n')
                throw new InvalidDataException("invalid pax extended header record");
            ReadOnlySpan<byte> record = s[(space + 1)..(length - 1)];
            int eq = record.IndexOf((byte)'=');
            if (eq <= 0) throw new InvalidDataException("invalid pax extended header record");
            result[Encoding.UTF8.GetString(record[..eq])] = record[(eq + 1)..].ToArray();
            s = s[length..];
        }
        return result;
    }

    private static void ParseTime(byte[] value, TarHeader h)
    {
        string s = Encoding.ASCII.GetString(value);
        int dot = s.IndexOf('.', StringComparison.Ordinal);
        string whole = dot < 0 ? s : s[..dot];
        if (!long.TryParse(whole, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long seconds))
            throw new InvalidDataException($"invalid pax mtime '{s}'");
        h.MtimeSeconds = seconds;
        h.MtimeNanoseconds = 0;
        if (dot >= 0)
        {
            string frac = (s[(dot + 1)..] + "000000000")[..9];
            if (uint.TryParse(frac, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out uint ns)) h.MtimeNanoseconds = ns;
            if (seconds < 0 && h.MtimeNanoseconds > 0)
            {
                h.MtimeSeconds--;
                h.MtimeNanoseconds = 1_000_000_000 - h.MtimeNanoseconds;
            }
        }
    }

    private static long ParseDecimal(byte[] value, string key)
        => long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long v) && v >= 0
            ? v : throw new InvalidDataException($"invalid pax {key} '{Encoding.ASCII.GetString(value)}'");

    /// <summary>An octal field (space or NUL terminated) or GNU's base-256 form (high bit of the first byte set).</summary>
    private static long ParseNumber(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) != 0)
        {
            long v = field[0] & 0x7F;
            for (int i = 1; i < field.Length; i++) v = (v << 8) | field[i];
            return v;
        }
        long n = 0;
        int j = 0;
        while (j < field.Length && field[j] == ' ') j++;
        for (; j < field.Length; j++)
        {
            byte c = field[j];
            if (c is 0 or (byte)' ') break;
            if (c is < (byte)'0' or > (byte)'7') throw new InvalidDataException("invalid number in tar header");
            n = (n << 3) | (uint)(c - '0');
        }
        return n;
    }

    private static void VerifyChecksum(ReadOnlySpan<byte> b)
    {
        long expected = ParseNumber(b.Slice(148, 8));
        int unsigned = 0, signed = 0;
        for (int i = 0; i < Block; i++)
        {
            byte c = i is >= 148 and < 156 ? (byte)' ' : b[i];
            unsigned += c;
            signed += (sbyte)c;
        }
        if (expected != unsigned && expected != signed) throw new InvalidDataException("tar header checksum mismatch");
    }

    private static string CString(ReadOnlySpan<byte> s)
    {
        int z = s.IndexOf((byte)0);
        return Encoding.UTF8.GetString(z < 0 ? s : s[..z]);
    }

    private byte[] ReadSmall(long size)
    {
        if (size > 16 << 20) throw new InvalidDataException($"tar extended header of {size} bytes is too large");
        var data = new byte[size];
        int done = 0;
        while (done < size)
        {
            if (_pos == _length && !Fill(1)) throw Truncated();
            int n = (int)Math.Min(_length - _pos, size - done);
            _buffer.AsSpan(_pos, n).CopyTo(data.AsSpan(done));
            _pos += n;
            done += n;
        }
        Skip((Block - (size % Block)) % Block);
        return data;
    }

    private void Skip(long count)
    {
        while (count > 0)
        {
            if (_pos == _length && !Fill(1)) throw Truncated();
            int n = (int)Math.Min(_length - _pos, count);
            _pos += n;
            count -= n;
        }
    }

    /// <summary>Ensures <paramref name="count"/> bytes are buffered; false at EOF before that.</summary>
    private bool Fill(int count)
    {
        if (_length - _pos >= count) return true;
        if (_pos > 0)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _length - _pos);
            _length -= _pos;
            _pos = 0;
        }
        while (_length < count)
        {
            int n = _input.Read(_buffer, _length, _buffer.Length - _length);
            if (n == 0) return false;
            _length += n;
        }
        return true;
    }

    private static EndOfStreamException Truncated() => new("the tar stream ends inside an entry");
}

namespace Drydock.Snapshotter.Layers;

/// <summary>
/// CRC-32 of gzip (RFC 1952, reflected polynomial 0xEDB88320), slicing-by-8, and zlib's crc32_combine so
/// blocks compressed in parallel can each compute their own CRC.
/// </summary>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320;
    private static readonly uint[] s_table = BuildTable();
    private static readonly uint[] s_x2n = BuildX2n();

    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        uint[] t = s_table;
        crc = ~crc;
        while (data.Length >= 8)
        {
            uint one = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data) ^ crc;
            uint two = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
            crc = t[(7 * 256) + (one & 0xFF)] ^ t[(6 * 256) + ((one >> 8) & 0xFF)] ^ t[(5 * 256) + ((one >> 16) & 0xFF)] ^ t[(4 * 256) + (one >> 24)]
                ^ t[(3 * 256) + (two & 0xFF)] ^ t[(2 * 256) + ((two >> 8) & 0xFF)] ^ t[256 + ((two >> 16) & 0xFF)] ^ t[two >> 24];
            data = data[8..];
        }
        foreach (byte b in data) crc = t[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    /// <summary>The CRC of A followed by B, given crc(A), crc(B) and the length of B (zlib's crc32_combine).</summary>
    public static uint Combine(uint crcA, uint crcB, long lengthB) => MultModP(X2nModP(lengthB, 3), crcA) ^ crcB;

    // a(x) * b(x) modulo p(x), bit-reflected, as zlib's multmodp
    private static uint MultModP(uint a, uint b)
    {
        uint m = 1u << 31, p = 0;
        while (true)
        {
            if ((a & m) != 0)
            {
                p ^= b;
                if ((a & (m - 1)) == 0) break;
            }
            m >>= 1;
            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }
        return p;
    }

    // x^(n * 2^k) modulo p(x)
    private static uint X2nModP(long n, int k)
    {
        uint p = 1u << 31;
        while (n != 0)
        {
            if ((n & 1) != 0) p = MultModP(s_x2n[k & 31], p);
            n >>= 1;
            k++;
        }
        return p;
    }

    private static uint[] BuildX2n()
    {
        var x = new uint[32];
        uint p = 1u << 30;   // x^1
        x[0] = p;
        for (int n = 1; n < 32; n++) x[n] = p = MultModP(p, p);
        return x;
    }

    private static uint[] BuildTable()
    {
        var t = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? (c >> 1) ^ Polynomial : c >> 1;
            t[i] = c;
        }
        for (int s = 1; s < 8; s++)
            for (int i = 0; i < 256; i++)
                t[(s * 256) + i] = (t[((s - 1) * 256) + i] >> 8) ^ t[t[((s - 1) * 256) + i] & 0xFF];
        return t;
    }
}

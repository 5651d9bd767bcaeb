namespace Drydock.Snapshotter.Layers;

/// <summary>
/// CRC-32 of gzip (RFC 1952, reflected polynomial 0xEDB88320), and zlib's crc32_combine so blocks compressed
/// in parallel can each compute their own CRC.
/// </summary>
internal static class Crc32
{
    private const uint Polynomial = 0xEDB88320;
    private static readonly uint[] s_x2n = BuildX2n();

    /// <summary>The CRC of the data that gave <paramref name="crc"/> followed by <paramref name="data"/>.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        // System.IO.Hashing's CRC-32 is gzip's, folded with carry-less multiplication: many times a table's speed
        uint own = System.IO.Hashing.Crc32.HashToUInt32(data);
        return crc == 0 ? own : Combine(crc, own, data.Length);
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
}

using System.IO.Compression;
using Drydock.Core.Oci;

namespace Drydock.Snapshotter.Layers;

/// <summary>Opens layer blobs as uncompressed tar streams.</summary>
public static class LayerStreams
{
    /// <summary>
    /// Wraps <paramref name="blob"/> in the decompressor its magic bytes call for (gzip 1f 8b, zstd 28 b5 2f fd,
    /// otherwise an uncompressed tar). The magic wins over <paramref name="mediaType"/>, which registries
    /// sometimes get wrong. The returned stream owns <paramref name="blob"/>.
    /// </summary>
    public static Stream OpenDecompressed(Stream blob, string? mediaType = null)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var magic = new byte[4];
        int n = 0;
        while (n < magic.Length)
        {
            int r = blob.Read(magic, n, magic.Length - n);
            if (r == 0) break;
            n += r;
        }
        var prefixed = new PrefixedReadStream(magic, n, blob, leaveOpen: false);
        LayerCompression compression = Detect(magic.AsSpan(0, n))
            ?? (mediaType is null ? null : MediaTypes.LayerCompression(mediaType)) ?? LayerCompression.None;
        return compression switch
        {
            LayerCompression.Gzip => new GZipStream(prefixed, CompressionMode.Decompress, leaveOpen: false),
            LayerCompression.Zstd => new ZstdDecompressStream(prefixed, leaveOpen: false),
            _ => prefixed,
        };
    }

    /// <summary>The compression named by a blob's first bytes: None for other content, null when fewer than 4 bytes were given.</summary>
    public static LayerCompression? Detect(ReadOnlySpan<byte> magic)
    {
        if (magic.Length >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) return LayerCompression.Gzip;
        if (magic.Length >= 4 && magic[0] == 0x28 && magic[1] == 0xb5 && magic[2] == 0x2f && magic[3] == 0xfd) return LayerCompression.Zstd;
        return magic.Length >= 4 ? LayerCompression.None : null;
    }
}

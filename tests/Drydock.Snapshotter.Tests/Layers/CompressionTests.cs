using System.IO.Compression;
using System.Security.Cryptography;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Layers;
using Drydock.Core.Oci;
using Drydock.Snapshotter.Layers;
using Drydock.TestKit;

namespace Drydock.Snapshotter.Tests.Layers;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CompressionTests
{
    private static byte[] Sample(int size)
    {
        var data = new byte[size];
        new Random(42).NextBytes(data.AsSpan(0, size / 2));
        byte[] text = "the quick brown fox jumps over the lazy dog 0123456789\n"u8.ToArray();
        for (int i = size / 2; i < size; i++) data[i] = text[i % text.Length];
        return data;
    }

    private static byte[] Gzip(byte[] data, int blockSize)
    {
        using var ms = new MemoryStream();
        using (var gz = new ParallelGzipStream(ms, blockSize, leaveOpen: true))
        {
            for (int o = 0; o < data.Length; o += 77_777) gz.Write(data, o, Math.Min(77_777, data.Length - o));
        }
        return ms.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64 << 10)]
    [InlineData((3 << 20) + 12345)]
    public void Parallel_gzip_decodes_to_the_input_and_is_deterministic(int size)
    {
        byte[] data = Sample(size);
        byte[] gz = Gzip(data, 64 << 10);
        Assert.Equal(gz, Gzip(data, 64 << 10));
        using var back = new MemoryStream();
        new GZipStream(new MemoryStream(gz), CompressionMode.Decompress).CopyTo(back);
        Assert.Equal(data, back.ToArray());
    }

    [Fact]
    public void Blocks_stored_for_being_incompressible_decode_to_the_input()
    {
        byte[] data = Sample(8 << 20); // 4 MiB random, then 4 MiB of text
        byte[] gz = Gzip(data, 1 << 20);
        Assert.InRange(gz.Length, 4 << 20, (4 << 20) + (1 << 16)); // the random half as stored blocks (5 bytes per 64 KiB), the text next to nothing
        using var back = new MemoryStream();
        new GZipStream(new MemoryStream(gz), CompressionMode.Decompress).CopyTo(back);
        Assert.Equal(data, back.ToArray());
    }

    [Fact]
    public void Gzip_tool_accepts_the_output()
    {
        using var dir = new TempDir();
        string file = Path.Combine(dir.Path, "x.gz");
        byte[] data = Sample(5 << 20);
        File.WriteAllBytes(file, Gzip(data, 1 << 20));
        Assert.Equal(0, LayerTestKit.Run("gzip", "-t", file).ExitCode);
        string sha = LayerTestKit.Run("/bin/sh", "-c", $"gzip -dc {file} | sha256sum").Output.Split(' ')[0];
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), sha);
    }

    [Fact]
    public void Crc32_combines_like_zlib()
    {
        byte[] data = Sample(100_000);
        uint whole = Crc32.Update(0, data);
        uint a = Crc32.Update(0, data.AsSpan(0, 40_000)), b = Crc32.Update(0, data.AsSpan(40_000));
        Assert.Equal(whole, Crc32.Combine(a, b, 60_000));
        Assert.Equal(0xCBF43926u, Crc32.Update(0, "123456789"u8));
    }

    [Fact]
    public void Zstd_round_trips_and_the_tool_accepts_it()
    {
        byte[] data = Sample(3 << 20);
        using var ms = new MemoryStream();
        using (var z = new ZstdCompressStream(ms, leaveOpen: true)) z.Write(data);
        using var dir = new TempDir();
        string file = Path.Combine(dir.Path, "x.zst");
        File.WriteAllBytes(file, ms.ToArray());
        Assert.Equal(0, LayerTestKit.Run("zstd", "-q", "-t", file).ExitCode);
        using var back = new MemoryStream();
        using (Stream d = LayerStreams.OpenDecompressed(new MemoryStream(ms.ToArray()))) d.CopyTo(back);
        Assert.Equal(data, back.ToArray());
    }

    [Fact]
    public void Truncated_zstd_is_an_error()
    {
        using var ms = new MemoryStream();
        using (var z = new ZstdCompressStream(ms, leaveOpen: true)) z.Write(Sample(1 << 20));
        byte[] cut = ms.ToArray()[..(int)(ms.Length / 2)];
        using Stream d = LayerStreams.OpenDecompressed(new MemoryStream(cut));
        Assert.Throws<InvalidDataException>(() => d.CopyTo(Stream.Null));
    }

    [Theory]
    [InlineData(LayerCompression.None)]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public async Task One_pass_digests_match_the_blob_and_the_tar(LayerCompression compression)
    {
        using var dir = new TempDir();
        LocalContentStore store = LayerTestKit.Store(dir.Path);
        byte[] tar = Sample(2 << 20);
        Layer layer = await new LayerWriter(store).WriteAsync(compression, async (s, ct) => await s.WriteAsync(tar, ct));
        byte[] blob = await store.ReadAllBytesAsync(layer.Descriptor.Digest, long.MaxValue);
        Assert.Equal(Digest.Sha256(blob), layer.Descriptor.Digest);
        Assert.Equal(blob.Length, layer.Descriptor.Size);
        Assert.Equal(Digest.Sha256(tar), layer.DiffId);
        Assert.Equal(MediaTypes.OciLayerFor(compression), layer.Descriptor.MediaType);
        using var back = new MemoryStream();
        using (Stream d = LayerStreams.OpenDecompressed(new MemoryStream(blob))) d.CopyTo(back);
        Assert.Equal(SHA256.HashData(tar), SHA256.HashData(back.ToArray()));
    }
}

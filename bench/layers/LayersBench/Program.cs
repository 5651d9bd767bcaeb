using System.Diagnostics;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Layers;
using Drydock.Core.Oci;
using Drydock.Snapshotter.Layers;

// layersbench gzip|zstd|none INPUT.tar STORE_DIR  → streams INPUT through LayerWriter into a content store
// layersbench unpack INPUT.tar DIR                → LayerExtractor (plain mode) of an uncompressed tar
// Prints the elapsed seconds and the MB/s of the uncompressed input.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: layersbench gzip|zstd|none|unpack INPUT.tar DIR");
    return 2;
}
string mode = args[0], input = args[1], dir = args[2];
long size = new FileInfo(input).Length;
var sw = Stopwatch.StartNew();
if (mode == "unpack")
{
    Directory.CreateDirectory(dir);
    await using FileStream f = new(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
    await LayerExtractor.ExtractAsync(f, dir, ExtractMode.Plain);
}
else
{
    LayerCompression compression = mode switch { "gzip" => LayerCompression.Gzip, "zstd" => LayerCompression.Zstd, _ => LayerCompression.None };
    var store = new LocalContentStore(new DrydockRoot(dir));
    Layer layer = await new LayerWriter(store).WriteAsync(compression, async (tar, ct) =>
    {
        await using FileStream f = new(input, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        int n;
        while ((n = f.Read(buffer)) > 0) tar.Write(buffer, 0, n);
    });
    Console.Error.WriteLine($"{mode}: {layer.Descriptor.Digest} {layer.Descriptor.Size} bytes, diff ID {layer.DiffId}");
}
sw.Stop();
Console.WriteLine(FormattableString.Invariant($"{sw.Elapsed.TotalSeconds:F2} {size / 1e6 / sw.Elapsed.TotalSeconds:F0}"));
return 0;

using System.Runtime;

namespace Drydock.Cli;

/// <summary>
/// Parsing a large Dockerfile allocates a syntax tree that stays alive to the end: a collection in the middle
/// would only copy it into an older generation, the single most expensive thing the first parse of a process
/// did (a 10,000-instruction file: 20 MiB, one gen0 collection). For a short-lived CLI the memory is cheaper
/// than the copy, so the parse runs in a no-GC region sized from the input; a parse that outgrows it simply
/// collects as usual.
/// </summary>
internal sealed class NoCollectionRegion : IDisposable
{
    private const long Headroom = 16 << 20;
    // below this a parse allocates less than the first gen0 budget anyway, and the region's set-up is not free
    private const long SmallInput = 64 << 10;
    private const long Largest = 240L << 20;

    private readonly bool _entered;

    private NoCollectionRegion(long bytes)
    {
        if (bytes == 0) return;
        try
        {
            _entered = GCSettings.LatencyMode != GCLatencyMode.NoGCRegion && GC.TryStartNoGCRegion(bytes);
        }
        catch (ArgumentOutOfRangeException)
        {
            _entered = false; // larger than this runtime allows: collect as usual
        }
    }

    /// <summary>A region for parsing <paramref name="inputBytes"/> of Dockerfile (about 64 bytes allocated per byte read).</summary>
    public static NoCollectionRegion ForParsing(long inputBytes) => new(inputBytes < SmallInput ? 0 : Math.Min(Largest, (inputBytes * 64) + Headroom));

    public void Dispose()
    {
        // a parse that outgrew the region ended it with a collection already
        if (_entered && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
    }
}

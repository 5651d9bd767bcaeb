using Drydock.Core;

namespace Drydock.Snapshotter.Layers;

/// <summary>Loads libzstd lazily and turns its absence into an error that says what to install.</summary>
internal static class ZstdLibrary
{
    public static SafeZstdContextHandle CreateContext(bool decompress)
    {
        try
        {
            return SafeZstdContextHandle.Create(decompress);
        }
        catch (DllNotFoundException e)
        {
            throw new DrydockException(ErrorKind.Unavailable, "zstd layers need libzstd (apt-get install libzstd1)", e);
        }
        catch (EntryPointNotFoundException e)
        {
            throw new DrydockException(ErrorKind.Unavailable, "zstd layers need libzstd 1.4 or later (apt-get install libzstd1)", e);
        }
    }
}

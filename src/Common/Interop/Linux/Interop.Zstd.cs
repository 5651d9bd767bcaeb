using System.Runtime.InteropServices;
using System.Runtime.Versioning;

/// <summary>
/// Debian's libzstd (package libzstd1), streaming API only: https://facebook.github.io/zstd/zstd_manual.html.
/// The span-taking wrappers keep the pointers inside Interop.
/// </summary>
internal static partial class Interop
{
    [SupportedOSPlatform("linux")]
    internal static unsafe partial class Zstd
    {
        private const string Lib = "libzstd.so.1";

        internal const int CompressionLevelParameter = 100;   // ZSTD_c_compressionLevel
        internal const int NbWorkersParameter = 400;          // ZSTD_c_nbWorkers
        internal const int EndContinue = 0, EndFlush = 1, EndFrame = 2;   // ZSTD_EndDirective

        [StructLayout(LayoutKind.Sequential)]
        private struct Buffer
        {
            public byte* Data;
            public nuint Size;
            public nuint Pos;
        }

        [LibraryImport(Lib)]
        internal static partial nint ZSTD_createCCtx();

        [LibraryImport(Lib)]
        internal static partial nuint ZSTD_freeCCtx(nint cctx);

        [LibraryImport(Lib)]
        internal static partial nint ZSTD_createDCtx();

        [LibraryImport(Lib)]
        internal static partial nuint ZSTD_freeDCtx(nint dctx);

        [LibraryImport(Lib)]
        private static partial nuint ZSTD_CCtx_setParameter(SafeZstdContextHandle cctx, int parameter, int value);

        [LibraryImport(Lib)]
        private static partial nuint ZSTD_compressStream2(SafeZstdContextHandle cctx, Buffer* output, Buffer* input, int endOp);

        [LibraryImport(Lib)]
        private static partial nuint ZSTD_decompressStream(SafeZstdContextHandle dctx, Buffer* output, Buffer* input);

        [LibraryImport(Lib)]
        private static partial uint ZSTD_isError(nuint code);

        [LibraryImport(Lib)]
        private static partial byte* ZSTD_getErrorName(nuint code);

        [LibraryImport(Lib)]
        internal static partial nuint ZSTD_CStreamOutSize();

        [LibraryImport(Lib)]
        internal static partial nuint ZSTD_DStreamInSize();

        /// <summary>Sets a compression parameter; the error name when libzstd refuses it, else null.</summary>
        internal static string? SetParameter(SafeZstdContextHandle cctx, int parameter, int value)
        {
            nuint r = ZSTD_CCtx_setParameter(cctx, parameter, value);
            return ZSTD_isError(r) != 0 ? ErrorName(r) : null;
        }

        /// <summary>ZSTD_compressStream2; returns the bytes still to flush (0 when done) or throws on error.</summary>
        internal static nuint CompressStream2(SafeZstdContextHandle cctx, Span<byte> output, ref int outPos, ReadOnlySpan<byte> input, ref int inPos, int endOp)
        {
            fixed (byte* o = output)
            fixed (byte* i = input)
            {
                var ob = new Buffer { Data = o, Size = (nuint)output.Length, Pos = (nuint)outPos };
                var ib = new Buffer { Data = i, Size = (nuint)input.Length, Pos = (nuint)inPos };
                nuint r = ZSTD_compressStream2(cctx, &ob, &ib, endOp);
                if (ZSTD_isError(r) != 0) throw new InvalidDataException("zstd compression failed: " + ErrorName(r));
                outPos = (int)ob.Pos;
                inPos = (int)ib.Pos;
                return r;
            }
        }

        /// <summary>ZSTD_decompressStream; returns 0 when a frame is complete and flushed; throws InvalidDataException on corrupt data.</summary>
        internal static nuint DecompressStream(SafeZstdContextHandle dctx, Span<byte> output, ref int outPos, ReadOnlySpan<byte> input, ref int inPos)
        {
            fixed (byte* o = output)
            fixed (byte* i = input)
            {
                var ob = new Buffer { Data = o, Size = (nuint)output.Length, Pos = (nuint)outPos };
                var ib = new Buffer { Data = i, Size = (nuint)input.Length, Pos = (nuint)inPos };
                nuint r = ZSTD_decompressStream(dctx, &ob, &ib);
                if (ZSTD_isError(r) != 0) throw new InvalidDataException("zstd data is corrupt: " + ErrorName(r));
                outPos = (int)ob.Pos;
                inPos = (int)ib.Pos;
                return r;
            }
        }

        private static string ErrorName(nuint code) => Marshal.PtrToStringUTF8((nint)ZSTD_getErrorName(code)) ?? "unknown error";
    }
}

/// <summary>A ZSTD_CCtx or ZSTD_DCtx; freed with the matching function.</summary>
[SupportedOSPlatform("linux")]
internal sealed class SafeZstdContextHandle : SafeHandle
{
    private readonly bool _decompress;

    public SafeZstdContextHandle() : base(0, ownsHandle: true)
    {
    }

    private SafeZstdContextHandle(nint handle, bool decompress) : base(0, ownsHandle: true)
    {
        SetHandle(handle);
        _decompress = decompress;
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>Creates a context; throws DllNotFoundException when libzstd is missing.</summary>
    public static SafeZstdContextHandle Create(bool decompress)
    {
        nint h = decompress ? Interop.Zstd.ZSTD_createDCtx() : Interop.Zstd.ZSTD_createCCtx();
        if (h == 0) throw new OutOfMemoryException("libzstd could not allocate a context");
        return new SafeZstdContextHandle(h, decompress);
    }

    protected override bool ReleaseHandle()
    {
        if (_decompress) Interop.Zstd.ZSTD_freeDCtx(handle);
        else Interop.Zstd.ZSTD_freeCCtx(handle);
        return true;
    }
}

using Drydock.Core;

namespace Drydock.Snapshotter.Layers;

/// <summary>
/// A write-only zstd compressor over libzstd's streaming API (ZSTD_compressStream2), multi-threaded through
/// ZSTD_c_nbWorkers when the library was built with threads (Debian's is); one frame per stream. Compressed
/// output is handed to the inner stream on the thread pool, one write in flight at a time and in order, from
/// two alternating buffers, so the inner stream's work (a content writer's hashing and writing) overlaps with
/// feeding libzstd. The output does not depend on how the input is split into writes.
/// </summary>
internal sealed class ZstdCompressStream : Stream
{
    public const int DefaultLevel = 3;

    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly SafeZstdContextHandle _cctx;
    private const int InlineWriteBelow = 64 << 10;   // a small write costs less than handing it over

    private readonly byte[][] _out;
    private int _current;
    private Task _pending = Task.CompletedTask;
    private bool _finished;

    public ZstdCompressStream(Stream inner, int level = DefaultLevel, int workers = -1, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _leaveOpen = leaveOpen;
        _cctx = ZstdLibrary.CreateContext(decompress: false);
        if (Interop.Zstd.SetParameter(_cctx, Interop.Zstd.CompressionLevelParameter, level) is { } error)
            throw new DrydockException(ErrorKind.InvalidArgument, $"invalid zstd compression level {level}: {error}");
        // a libzstd built without threads refuses nbWorkers; it then compresses on the calling thread
        _ = Interop.Zstd.SetParameter(_cctx, Interop.Zstd.NbWorkersParameter, workers < 0 ? Environment.ProcessorCount : workers);
        int outSize = Math.Max((int)Interop.Zstd.ZSTD_CStreamOutSize(), 1 << 20);
        _out = [new byte[outSize], new byte[outSize]];
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => !_finished;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        int inPos = 0;
        while (inPos < buffer.Length)
        {
            int outPos = 0;
            Interop.Zstd.CompressStream2(_cctx, _out[_current], ref outPos, buffer, ref inPos, Interop.Zstd.EndContinue);
            if (outPos > 0) Emit(outPos);
        }
    }

    /// <summary>Passes on the first <paramref name="count"/> bytes of the current buffer, then switches buffers.</summary>
    private void Emit(int count)
    {
        _pending.GetAwaiter().GetResult();   // keeps the order, and frees the other buffer
        byte[] output = _out[_current];
        _current ^= 1;
        if (count < InlineWriteBelow)
        {
            _pending = Task.CompletedTask;
            _inner.Write(output, 0, count);
        }
        else
        {
            _pending = Task.Run(() => _inner.Write(output, 0, count));
        }
    }

    /// <summary>Ends the frame and writes what libzstd still holds.</summary>
    public void Finish()
    {
        if (_finished) return;
        nuint remaining;
        do
        {
            int outPos = 0, inPos = 0;
            remaining = Interop.Zstd.CompressStream2(_cctx, _out[_current], ref outPos, default, ref inPos, Interop.Zstd.EndFrame);
            if (outPos > 0) Emit(outPos);
        }
        while (remaining != 0);
        _finished = true;
        _pending.GetAwaiter().GetResult();
    }

    public override void Flush() => _inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                Finish();
            }
            finally
            {
                // never free the buffers' owner under a write still in flight (its error, if any, is Finish's)
                Task.WaitAny(_pending);
                _cctx.Dispose();
                if (!_leaveOpen) _inner.Dispose();
            }
        }
        base.Dispose(disposing);
    }
}

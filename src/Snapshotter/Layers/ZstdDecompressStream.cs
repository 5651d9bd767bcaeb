
namespace Drydock.Snapshotter.Layers;

/// <summary>A read-only zstd decompressor (ZSTD_decompressStream); a stream that ends inside a frame is corrupt.</summary>
internal sealed class ZstdDecompressStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly SafeZstdContextHandle _dctx;
    private readonly byte[] _in;
    private int _inPos;
    private int _inLength;
    private bool _eof;
    private bool _frameComplete;

    public ZstdDecompressStream(Stream inner, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
        _leaveOpen = leaveOpen;
        _dctx = ZstdLibrary.CreateContext(decompress: true);
        _in = new byte[Math.Max((int)Interop.Zstd.ZSTD_DStreamInSize(), 1 << 20)];
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        while (true)
        {
            if (_inPos == _inLength && !_eof)
            {
                _inLength = _inner.Read(_in, 0, _in.Length);
                _inPos = 0;
                _eof = _inLength == 0;
            }
            // at the end of the input, a frame that was completed and flushed means a clean end
            if (_eof && _inPos == _inLength && _frameComplete) return 0;
            int outPos = 0;
            nuint hint = Interop.Zstd.DecompressStream(_dctx, buffer, ref outPos, _in.AsSpan(0, _inLength), ref _inPos);
            _frameComplete = hint == 0;
            if (outPos > 0) return outPos;
            if (_eof && _inPos == _inLength && !_frameComplete) throw new InvalidDataException("the zstd stream is truncated");
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _dctx.Dispose();
            if (!_leaveOpen) _inner.Dispose();
        }
        base.Dispose(disposing);
    }
}

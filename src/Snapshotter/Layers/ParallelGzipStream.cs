using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Drydock.Snapshotter.Layers;

/// <summary>
/// A write-only gzip compressor in the manner of pigz: the input is cut into fixed blocks, each block is
/// deflated (level 6) on the thread pool and ends with a sync flush, so the concatenated outputs form one
/// deflate stream; an empty final block, CRC-32 and ISIZE close the single gzip member (RFC 1952).
/// The output depends only on the data and the block size. At most <c>maxInFlight</c> blocks are in memory.
/// Unlike pigz, blocks are not primed with the previous block's last 32 KiB, which costs a little ratio;
/// blocks that would not shrink (random or compressed data) are stored rather than deflated.
/// </summary>
internal sealed class ParallelGzipStream : Stream
{
    public const int DefaultBlockSize = 1 << 20;

    // 10-byte header: magic, CM=deflate, no flags, MTIME=0 (reproducible), XFL=0, OS=3 (Unix)
    private static readonly byte[] s_header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
    // a final fixed-Huffman block holding only end-of-block
    private static readonly byte[] s_finalBlock = [0x03, 0x00];

    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly int _blockSize;
    private readonly int _maxInFlight;
    private readonly Queue<Task<CompressedBlock>> _inFlight = new();
    private byte[] _block;
    private int _blockUsed;
    private uint _crc;
    private long _length;
    private bool _headerWritten;
    private bool _finished;

    public ParallelGzipStream(Stream inner, int blockSize = DefaultBlockSize, int maxInFlight = 0, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 32 << 10);
        _inner = inner;
        _leaveOpen = leaveOpen;
        _blockSize = blockSize;
        _maxInFlight = maxInFlight > 0 ? maxInFlight : (2 * Environment.ProcessorCount) + 2;
        _block = ArrayPool<byte>.Shared.Rent(blockSize);
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
        while (!buffer.IsEmpty)
        {
            int n = Math.Min(buffer.Length, _blockSize - _blockUsed);
            buffer[..n].CopyTo(_block.AsSpan(_blockUsed));
            _blockUsed += n;
            buffer = buffer[n..];
            if (_blockUsed == _blockSize)
            {
                Submit();
                while (_inFlight.Count >= _maxInFlight) WriteBlock(_inFlight.Dequeue().GetAwaiter().GetResult());
            }
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        while (!buffer.IsEmpty)
        {
            int n = Math.Min(buffer.Length, _blockSize - _blockUsed);
            buffer.Span[..n].CopyTo(_block.AsSpan(_blockUsed));
            _blockUsed += n;
            buffer = buffer[n..];
            if (_blockUsed == _blockSize)
            {
                Submit();
                while (_inFlight.Count >= _maxInFlight)
                    await WriteBlockAsync(await _inFlight.Dequeue().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Compresses what is buffered, waits for every block and writes the end of the gzip member.</summary>
    public async ValueTask FinishAsync(CancellationToken cancellationToken)
    {
        if (_finished) return;
        if (_blockUsed > 0) Submit();
        while (_inFlight.Count > 0)
            await WriteBlockAsync(await _inFlight.Dequeue().ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        await _inner.WriteAsync(Trailer(), cancellationToken).ConfigureAwait(false);
        _finished = true;
        ReturnBlock();
    }

    /// <summary>The synchronous <see cref="FinishAsync"/>.</summary>
    public void Finish()
    {
        if (_finished) return;
        if (_blockUsed > 0) Submit();
        while (_inFlight.Count > 0) WriteBlock(_inFlight.Dequeue().GetAwaiter().GetResult());
        _inner.Write(Trailer());
        _finished = true;
        ReturnBlock();
    }

    public override void Flush()
    {
    }

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
                if (!_leaveOpen) _inner.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await FinishAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            if (!_leaveOpen) await _inner.DisposeAsync().ConfigureAwait(false);
            GC.SuppressFinalize(this);
        }
    }

    private void Submit()
    {
        byte[] block = _block;
        int used = _blockUsed;
        _inFlight.Enqueue(Task.Run(() => Compress(block, used)));
        _block = ArrayPool<byte>.Shared.Rent(_blockSize);
        _blockUsed = 0;
    }

    // a block whose sample does not shrink below this share is stored, not deflated
    private const double IncompressibleRatio = 0.97;
    private const int SampleSize = 64 << 10;

    private static CompressedBlock Compress(byte[] block, int length)
    {
        try
        {
            // deflateBound-style headroom: stored blocks add 5 bytes per 64 KiB, and we leave room for the
            // few bytes Dispose appends after the sync flush.
            byte[] output = ArrayPool<byte>.Shared.Rent(length + (length >> 8) + 1024);
            var ms = new MemoryStream(output, 0, output.Length, writable: true);
            int compressed;
            using (var deflate = new DeflateStream(ms, new ZLibCompressionOptions { CompressionLevel = LevelFor(block.AsSpan(0, length), output) }, leaveOpen: true))
            {
                deflate.Write(block, 0, length);
                deflate.Flush();   // Z_SYNC_FLUSH: ends on a byte boundary with an empty stored block
                compressed = (int)ms.Position;
            }
            return new CompressedBlock(output, compressed, Crc32.Update(0, block.AsSpan(0, length)), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    /// <summary>
    /// Level 6, or 0 (stored blocks, copied at memory speed) when a fast trial on the block's first 64 KiB
    /// shows it will not shrink: random or already-compressed data would cost a deflate pass for nothing.
    /// The choice depends only on the data, so the output stays reproducible.
    /// </summary>
    private static int LevelFor(ReadOnlySpan<byte> block, byte[] scratch)
    {
        if (block.Length < 2 * SampleSize) return 6;
        var trial = new MemoryStream(scratch, 0, scratch.Length, writable: true);
        using (var deflate = new DeflateStream(trial, new ZLibCompressionOptions { CompressionLevel = 1 }, leaveOpen: true))
        {
            deflate.Write(block[..SampleSize]);
        }
        return trial.Position >= SampleSize * IncompressibleRatio ? 0 : 6;
    }

    private void WriteBlock(CompressedBlock b)
    {
        if (!_headerWritten)
        {
            _inner.Write(s_header);
            _headerWritten = true;
        }
        _inner.Write(b.Output, 0, b.OutputLength);
        Account(b);
    }

    private async ValueTask WriteBlockAsync(CompressedBlock b, CancellationToken cancellationToken)
    {
        if (!_headerWritten)
        {
            await _inner.WriteAsync(s_header, cancellationToken).ConfigureAwait(false);
            _headerWritten = true;
        }
        await _inner.WriteAsync(b.Output.AsMemory(0, b.OutputLength), cancellationToken).ConfigureAwait(false);
        Account(b);
    }

    private void Account(CompressedBlock b)
    {
        _crc = _length == 0 ? b.Crc : Crc32.Combine(_crc, b.Crc, b.InputLength);
        _length += b.InputLength;
        ArrayPool<byte>.Shared.Return(b.Output);
    }

    private byte[] Trailer()
    {
        var t = new byte[(_headerWritten ? 0 : s_header.Length) + s_finalBlock.Length + 8];
        int o = 0;
        if (!_headerWritten)
        {
            s_header.CopyTo(t, 0);
            o = s_header.Length;
            _headerWritten = true;
        }
        s_finalBlock.CopyTo(t, o);
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(o + 2), _crc);
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(o + 6), (uint)_length);
        return t;
    }

    private void ReturnBlock()
    {
        if (_block.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_block);
        _block = [];
    }

    private readonly record struct CompressedBlock(byte[] Output, int OutputLength, uint Crc, int InputLength);
}

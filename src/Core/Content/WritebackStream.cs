namespace Drydock.Core.Content;

/// <summary>
/// A write-only pass-through to a file that asks the kernel to start writing every completed 8 MiB window to
/// disk (sync_file_range, which does not wait). A blob of hundreds of megabytes then reaches the disk while it
/// is still being compressed and hashed, and the fsync that makes it durable waits only for the last window
/// instead of for all of it. Durability is unchanged: only fsync promises it.
/// </summary>
internal sealed class WritebackStream(FileStream file) : Stream
{
    private const long Window = 8 << 20;
    private long _written;
    private long _started;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _written;
    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        file.Write(buffer);
        Advance(buffer.Length);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await file.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        Advance(buffer.Length);
    }

    private void Advance(int count)
    {
        _written += count;
        if (_written - _started < Window || !OperatingSystem.IsLinux()) return;
        file.Flush(flushToDisk: false); // the window must have left the FileStream's buffer for the kernel to see it
        long length = (_written - _started) / Window * Window;
        // advisory: when the kernel refuses (an old one, an odd file system), the final fsync simply does all the work
        _ = Interop.Libc.sync_file_range(file.SafeFileHandle, _started, length, Interop.Libc.SYNC_FILE_RANGE_WRITE);
        _started += length;
    }

    public override void Flush() => file.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => file.FlushAsync(cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

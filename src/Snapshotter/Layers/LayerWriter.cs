using System.Security.Cryptography;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Layers;
using Drydock.Core.Oci;

namespace Drydock.Snapshotter.Layers;

/// <summary>
/// Streams a layer into the content store in one pass: tar bytes → SHA-256 (diff ID) → compressor → content
/// writer, which hashes and counts the blob and commits it under that digest. The tar is never stored
/// uncompressed. The diff ID is computed on the thread pool, a chunk of up to 1 MiB at a time, while the same
/// chunk is compressed, so hashing does not serialize with compression; uncompressed, the blob is the tar and
/// its digest is the diff ID.
/// <code>
/// Layer layer = await new LayerWriter(store).WriteAsync(LayerCompression.Gzip, (tar, ct) => WriteMyTarAsync(tar, ct), ct);
/// </code>
/// </summary>
public sealed class LayerWriter
{
    private readonly IContentStore _content;

    public LayerWriter(IContentStore content)
    {
        ArgumentNullException.ThrowIfNull(content);
        _content = content;
    }

    /// <summary>
    /// Calls <paramref name="writeTar"/> with a write-only stream for the uncompressed tar, then compresses,
    /// commits and returns the layer. The stream is not seekable; <paramref name="writeTar"/> must not dispose it.
    /// </summary>
    public async Task<Layer> WriteAsync(LayerCompression compression, Func<Stream, CancellationToken, Task> writeTar, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writeTar);
        string mediaType = MediaTypes.OciLayerFor(compression);
        IContentWriter writer = await _content.OpenWriterAsync($"layer-{Guid.NewGuid():N}", cancellationToken).ConfigureAwait(false);
        await using (writer.ConfigureAwait(false))
        {
            if (compression == LayerCompression.None)
            {
                await writeTar(writer.Data, cancellationToken).ConfigureAwait(false);
                Descriptor plain = await writer.CommitAsync(mediaType, null, cancellationToken).ConfigureAwait(false);
                return new Layer(plain, plain.Digest);
            }
            Stream compressor = compression switch
            {
                LayerCompression.Gzip => new ParallelGzipStream(writer.Data, leaveOpen: true),
                LayerCompression.Zstd => new ZstdCompressStream(writer.Data, leaveOpen: true),
                _ => throw new ArgumentOutOfRangeException(nameof(compression)),
            };
            using var tar = new ConcurrentHashingStream(compressor);
            await writeTar(tar, cancellationToken).ConfigureAwait(false);
            await tar.CompleteAsync(cancellationToken).ConfigureAwait(false);
            switch (compressor)
            {
                case ParallelGzipStream gzip:
                    await gzip.FinishAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case ZstdCompressStream zstd:
                    zstd.Finish();
                    zstd.Dispose();
                    break;
            }
            Digest diffId = tar.GetDigest();
            Descriptor descriptor = await writer.CommitAsync(mediaType, null, cancellationToken).ConfigureAwait(false);
            return new Layer(descriptor, diffId);
        }
    }

    /// <summary>
    /// A write-only pass-through that computes the SHA-256 of what flows into the inner stream, hashing each chunk
    /// (up to <see cref="ChunkSize"/>; small writes are gathered) on the thread pool while the inner stream takes
    /// the same chunk. Writes return once both are done, so callers may reuse their buffers; call
    /// <see cref="CompleteAsync"/> before <see cref="GetDigest"/>. Leaves the inner stream open.
    /// </summary>
    private sealed class ConcurrentHashingStream(Stream inner) : Stream
    {
        private const int ChunkSize = 1 << 20;
        private const int InlineHashBelow = 64 << 10;   // hashing a small chunk costs less than handing it over

        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly byte[] _chunk = new byte[ChunkSize];
        private int _used;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        /// <summary>The digest of everything written; after <see cref="CompleteAsync"/>.</summary>
        public Digest GetDigest() => Digest.FromSha256Hash(_hash.GetCurrentHash());

        /// <summary>Passes on (and hashes) what is still gathered.</summary>
        public async ValueTask CompleteAsync(CancellationToken cancellationToken)
        {
            if (_used == 0) return;
            int n = _used;
            _used = 0;
            await PassAsync(_chunk.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            ValidateBufferArguments(buffer, offset, count);
            if (_used == 0 && count >= ChunkSize)
                Pass(buffer.AsMemory(offset, count));   // a large write is hashed in place, not gathered
            else
                Write(buffer.AsSpan(offset, count));
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                int n = Math.Min(buffer.Length, ChunkSize - _used);
                buffer[..n].CopyTo(_chunk.AsSpan(_used));
                _used += n;
                buffer = buffer[n..];
                if (_used == ChunkSize)
                {
                    _used = 0;
                    Pass(_chunk);
                }
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_used == 0 && buffer.Length >= ChunkSize)
            {
                await PassAsync(buffer, cancellationToken).ConfigureAwait(false);
                return;
            }
            while (!buffer.IsEmpty)
            {
                int n = Math.Min(buffer.Length, ChunkSize - _used);
                buffer.Span[..n].CopyTo(_chunk.AsSpan(_used));
                _used += n;
                buffer = buffer[n..];
                if (_used == ChunkSize)
                {
                    _used = 0;
                    await PassAsync(_chunk, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private void Pass(ReadOnlyMemory<byte> chunk)
        {
            if (chunk.Length < InlineHashBelow)
            {
                _hash.AppendData(chunk.Span);
                inner.Write(chunk.Span);
                return;
            }
            Task hashing = Task.Run(() => _hash.AppendData(chunk.Span));
            try
            {
                inner.Write(chunk.Span);
            }
            finally
            {
                hashing.GetAwaiter().GetResult();   // the chunk may be reused once this returns
            }
        }

        private async ValueTask PassAsync(ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
        {
            if (chunk.Length < InlineHashBelow)
            {
                _hash.AppendData(chunk.Span);
                await inner.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                return;
            }
            Task hashing = Task.Run(() => _hash.AppendData(chunk.Span), CancellationToken.None);
            try
            {
                await inner.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await hashing.ConfigureAwait(false);
            }
        }

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _hash.Dispose();
            base.Dispose(disposing);
        }
    }
}

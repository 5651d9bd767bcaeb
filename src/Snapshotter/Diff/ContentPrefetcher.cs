using System.Buffers;
using System.Collections.Concurrent;
using Drydock.Snapshotter.Layers;
using Microsoft.Win32.SafeHandles;

namespace Drydock.Snapshotter.Diff;

/// <summary>
/// Reads the contents of a layer's small files ahead of the tar writer, in layer order, several at a time.
/// A layer of many small files is bound by the open/read/close of each one, and by the disk when they are not
/// in the page cache; read ahead, those waits overlap with each other and with the writer's hashing and the
/// compressors instead of stalling them. Files above <see cref="MaxSize"/> are left to the writer, which
/// streams them; at most <see cref="Window"/> files are held at once.
/// </summary>
internal sealed class ContentPrefetcher : IDisposable
{
    public const long MaxSize = 256 * 1024;
    private const int Window = 64;
    // reads in flight: enough to keep a disk's queue busy when the files are not cached
    private const int Readers = 8;

    private readonly BlockingCollection<Task<Prefetched>> _ready = new(Window);
    private readonly SemaphoreSlim _reading = new(Readers);
    private readonly CancellationTokenSource _stop;
    private readonly Task _reader;

    private ContentPrefetcher(IReadOnlyList<Change> changes, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _reader = Task.Factory.StartNew(() => ReadAll(changes), _stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>A prefetcher for <paramref name="changes"/>, or null when there are too few small files to gain from one.</summary>
    public static ContentPrefetcher? For(IReadOnlyList<Change> changes, CancellationToken cancellationToken)
    {
        int small = 0;
        foreach (Change c in changes)
            if (IsPrefetched(c) && ++small >= Window) return new ContentPrefetcher(changes, cancellationToken);
        return null;
    }

    /// <summary>Whether the prefetcher reads this change: the writer takes exactly these, in this order.</summary>
    public static bool IsPrefetched(Change c) => c.Meta is { Kind: FileKind.Regular, Size: > 0 and <= MaxSize };

    /// <summary>The content of the next prefetched change, which must be <paramref name="change"/>; return it with <see cref="Release"/>.</summary>
    public Prefetched Take(Change change)
    {
        Prefetched p;
        try
        {
            p = _ready.Take(_stop.Token).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // the reader stopped early: its failure is the one to report
            _reader.GetAwaiter().GetResult();
            throw;
        }
        if (p.Error is { } error) throw error;
        if (!ReferenceEquals(p.Path, change.Source)) throw new InvalidOperationException($"prefetched '{p.Path}' where '{change.Source}' was expected");
        return p;
    }

    public static void Release(Prefetched p)
    {
        if (p.Buffer is { } b) ArrayPool<byte>.Shared.Return(b);
    }

    private void ReadAll(IReadOnlyList<Change> changes)
    {
        try
        {
            foreach (Change c in changes)
            {
                if (!IsPrefetched(c)) continue;
                _reading.Wait(_stop.Token);
                (string path, int size) = (c.Source!, (int)c.Meta!.Size);
                _ready.Add(Task.Run(() =>
                {
                    try
                    {
                        return Read(path, size);
                    }
                    finally
                    {
                        _reading.Release();
                    }
                }), _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _ready.CompleteAdding();
        }
    }

    private static Prefetched Read(string path, int size)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            int offset = 0;
            while (offset < size)
            {
                int n = RandomAccess.Read(file, buffer.AsSpan(offset, size - offset), offset);
                if (n == 0) throw new IOException($"file '{path}' shrank while it was written to a layer");
                offset += n;
            }
            return new Prefetched(path, buffer, size, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return new Prefetched(path, null, 0, e);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _reader.Wait();
        }
        catch (AggregateException)
        {
        }
        // every read in flight holds a permit: once all are back, no read runs and every result is queued
        for (int i = 0; i < Readers; i++) _reading.Wait();
        while (_ready.TryTake(out Task<Prefetched>? pending)) Release(pending.GetAwaiter().GetResult());
        _ready.Dispose();
        _reading.Dispose();
        _stop.Dispose();
    }
}

/// <summary>A file's content read ahead (a pooled buffer of which <see cref="Length"/> bytes count), or why it could not be.</summary>
internal readonly record struct Prefetched(string Path, byte[]? Buffer, int Length, Exception? Error);

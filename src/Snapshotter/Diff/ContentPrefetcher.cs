using System.Buffers;
using System.Collections.Concurrent;
using Drydock.Snapshotter.Layers;
using Microsoft.Win32.SafeHandles;

namespace Drydock.Snapshotter.Diff;

/// <summary>
/// Reads the contents of a layer's small files ahead of the tar writer, in layer order, on a thread of its own.
/// A layer of many small files is bound by the open/read/close of each one; read ahead, those syscalls overlap
/// with the writer's hashing and the compressors instead of stalling them. Files above <see cref="MaxSize"/>
/// are left to the writer, which streams them; at most <see cref="Window"/> files are held at once.
/// </summary>
internal sealed class ContentPrefetcher : IDisposable
{
    public const long MaxSize = 256 * 1024;
    private const int Window = 64;

    private readonly BlockingCollection<Prefetched> _ready = new(Window);
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
            p = _ready.Take(_stop.Token);
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
                _ready.Add(Read(c.Source!, (int)c.Meta!.Size), _stop.Token);
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
        while (_ready.TryTake(out Prefetched p)) Release(p);
        _ready.Dispose();
        _stop.Dispose();
    }
}

/// <summary>A file's content read ahead (a pooled buffer of which <see cref="Length"/> bytes count), or why it could not be.</summary>
internal readonly record struct Prefetched(string Path, byte[]? Buffer, int Length, Exception? Error);

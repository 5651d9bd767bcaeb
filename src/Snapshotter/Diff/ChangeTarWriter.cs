using Drydock.Snapshotter.Layers;

namespace Drydock.Snapshotter.Diff;

/// <summary>
/// Writes a list of changes as a layer tar: whiteouts as empty files <c>.wh.NAME</c> (mode 0, owner 0, mtime 0),
/// and the second and later paths of a regular file's inode as hardlinks to the first. Sockets are skipped,
/// as containerd does.
/// </summary>
internal static class ChangeTarWriter
{
    public static void Write(IReadOnlyList<Change> changes, Stream output, DateTimeOffset? sourceDateEpoch, CancellationToken cancellationToken)
    {
        using var tar = new LayerTarWriter(output, sourceDateEpoch);
        using ContentPrefetcher? prefetcher = ContentPrefetcher.For(changes, cancellationToken);
        var header = new TarHeader();
        var links = new Dictionary<(ulong Device, ulong Inode), string>();
        foreach (Change c in changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (c.Meta is not { } meta)
            {
                header.Reset();
                int slash = c.Path.LastIndexOf('/');
                header.Name = slash < 0 ? ".wh." + c.Path : c.Path[..(slash + 1)] + ".wh." + c.Path[(slash + 1)..];
                tar.WriteHeader(header);
                continue;
            }
            if (meta.Kind == FileKind.Socket) continue;
            header.Set(c.Path, meta);
            // what the prefetcher read for this entry, taken even when a hardlink makes it unneeded: it reads in step
            Prefetched? content = prefetcher is not null && ContentPrefetcher.IsPrefetched(c) ? prefetcher.Take(c) : null;
            try
            {
                if (meta.Kind == FileKind.Regular && meta.Nlink > 1)
                {
                    if (links.TryGetValue((meta.Device, meta.Inode), out string? first))
                    {
                        header.TypeFlag = TarHeader.TypeHardlink;
                        header.LinkName = first;
                        header.Size = 0;
                        tar.WriteHeader(header);
                        continue;
                    }
                    links[(meta.Device, meta.Inode)] = c.Path;
                }
                tar.WriteHeader(header);
                if (content is { Buffer: { } read } p) tar.WriteFileContent(read.AsSpan(0, p.Length));
                else if (meta.Kind == FileKind.Regular) tar.WriteFileContent(c.Source!, meta.Size);
            }
            finally
            {
                if (content is { } taken) ContentPrefetcher.Release(taken);
            }
        }
        tar.Finish();
    }
}

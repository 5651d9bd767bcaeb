using System.Formats.Tar;
using Drydock.Core.Oci;

namespace Drydock.Exporter.Archive;

/// <summary>
/// Writes layout files as PAX tar entries with fixed owner, modes and mtime, so saving the same images twice
/// gives byte-identical archives.
/// </summary>
internal sealed class TarLayoutSink(TarWriter writer) : ILayoutSink
{
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);

    public async ValueTask AddFileAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(data.ToArray(), writable: false);
        await WriteAsync(path, stream, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask AddBlobAsync(Descriptor descriptor, Stream data, CancellationToken cancellationToken)
        => WriteAsync(LayoutPaths.Blob(descriptor.Digest), data, cancellationToken);

    private async ValueTask WriteAsync(string path, Stream data, CancellationToken cancellationToken)
    {
        await EnsureDirectoriesAsync(path, cancellationToken).ConfigureAwait(false);
        var entry = new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = data };
        Normalize(entry, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask EnsureDirectoriesAsync(string path, CancellationToken cancellationToken)
    {
        int slash = path.LastIndexOf('/');
        if (slash < 0) return;
        string dir = path[..(slash + 1)];
        if (_directories.Contains(dir)) return;
        await EnsureDirectoriesAsync(dir[..^1], cancellationToken).ConfigureAwait(false);
        _directories.Add(dir);
        var entry = new PaxTarEntry(TarEntryType.Directory, dir);
        Normalize(entry, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    private static void Normalize(PaxTarEntry entry, UnixFileMode mode)
    {
        entry.Mode = mode;
        entry.ModificationTime = DateTimeOffset.UnixEpoch;
        entry.Uid = 0;
        entry.Gid = 0;
    }
}

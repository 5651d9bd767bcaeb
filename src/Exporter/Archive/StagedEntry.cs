using Drydock.Core;
using Drydock.Core.Content;

namespace Drydock.Exporter.Archive;

/// <summary>
/// A file of an archive being loaded: already streamed into an uncommitted content-store ingest, so nothing
/// is visible in the store until the whole archive has been read and checked. Small files are also kept in
/// memory for parsing (manifests, configs, index.json).
/// </summary>
internal sealed record StagedEntry(string Path, Digest Digest, long Size, byte[]? Bytes, ReadOnlyMemory<byte> Head, IContentWriter? Writer);

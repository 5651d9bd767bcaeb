using Drydock.Core.Oci;

namespace Drydock.Exporter.Archive;

/// <summary>Where the files of an OCI layout go: a tar stream or a directory.</summary>
internal interface ILayoutSink
{
    ValueTask AddFileAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    ValueTask AddBlobAsync(Descriptor descriptor, Stream data, CancellationToken cancellationToken);
}

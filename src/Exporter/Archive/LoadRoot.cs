using Drydock.Core.Oci;

namespace Drydock.Exporter.Archive;

/// <summary>An image found in an archive: its root descriptor, the names it carries, and its tag annotation.</summary>
internal sealed record LoadRoot(Descriptor Target, IReadOnlyList<string> Names, string? RefName);

using Drydock.Core.Oci;

namespace Drydock.Exporter.Archive;

/// <summary>An image to write into an archive or layout: its normalized name (null for none) and its index or manifest.</summary>
public sealed record ExportedImage(string? Name, Descriptor Target);

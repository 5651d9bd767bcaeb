namespace Drydock.Exporter.Archive;

/// <summary>One image a load stored, with the name it got (null when it loaded dangling).</summary>
public sealed record LoadedImage(string? Name, Drydock.Core.Images.ResolvedImage Image);

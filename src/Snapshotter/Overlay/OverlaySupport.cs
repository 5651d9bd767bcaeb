using System.Collections.Immutable;

namespace Drydock.Snapshotter.Overlay;

/// <summary>What <see cref="OverlayProbe"/> found: whether overlayfs works, the options it accepts, and why not.</summary>
internal sealed record OverlaySupport(bool Works, ImmutableArray<string> Options, string? Reason);

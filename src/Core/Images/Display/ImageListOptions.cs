namespace Drydock.Core.Images.Display;

/// <summary>Options of <c>drydock images</c> that shape its output.</summary>
public sealed record ImageListOptions(bool Quiet = false, bool Digests = false, bool NoTrunc = false, string? Format = null);

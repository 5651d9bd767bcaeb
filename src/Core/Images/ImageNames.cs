using Drydock.Core.References;

namespace Drydock.Core.Images;

/// <summary>Record names: a normalized reference, or <c>&lt;none&gt;@sha256:…</c> for an image that has lost its names.</summary>
public static class ImageNames
{
    public const string DanglingPrefix = "<none>@";

    public static string Dangling(Digest target) => DanglingPrefix + target;

    public static bool IsDangling(string name) => name.StartsWith(DanglingPrefix, StringComparison.Ordinal);

    /// <summary>The reference of a record name, or null for a dangling record.</summary>
    public static ImageReference? TryReference(string name) => IsDangling(name) ? null : ImageReference.Parse(name);
}

using System.Collections.Immutable;

namespace Drydock.Core;

/// <summary>
/// A mount to perform, as containerd describes one: snapshotters emit these and never mount anything themselves;
/// the runtime (or a short-lived mount helper) performs them.
/// </summary>
public sealed record Mount(string Type, string Source, ImmutableArray<string> Options)
{
    public static Mount Bind(string source, bool readOnly)
        => new("bind", source, readOnly ? ["rbind", "ro"] : ["rbind", "rw"]);

    /// <summary>An overlay mount; <paramref name="lower"/> is ordered top-most first, as overlayfs's lowerdir option is.</summary>
    public static Mount Overlay(IEnumerable<string> lower, (string Upper, string Work)? upper, IEnumerable<string>? extraOptions = null)
    {
        var options = ImmutableArray.CreateBuilder<string>();
        if (extraOptions is not null) options.AddRange(extraOptions);
        options.Add("lowerdir=" + string.Join(':', lower));
        if (upper is { } u)
        {
            options.Add("upperdir=" + u.Upper);
            options.Add("workdir=" + u.Work);
        }
        return new Mount("overlay", "overlay", options.ToImmutable());
    }

    public bool IsReadOnly => Options.Contains("ro");

    /// <summary>The value of a "key=value" option, or null.</summary>
    public string? Option(string key)
    {
        foreach (string o in Options)
            if (o.Length > key.Length && o.StartsWith(key, StringComparison.Ordinal) && o[key.Length] == '=') return o[(key.Length + 1)..];
        return null;
    }
}

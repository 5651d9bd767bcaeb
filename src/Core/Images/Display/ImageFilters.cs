using System.Text.RegularExpressions;
using Drydock.Core.References;

namespace Drydock.Core.Images.Display;

/// <summary><c>images [REPOSITORY[:TAG]]</c> and <c>--filter dangling=…, reference=…</c>, with docker's meaning.</summary>
public static class ImageFilters
{
    public static IReadOnlyList<ImageSummary> Apply(IReadOnlyList<ImageSummary> rows, string? repository, IReadOnlyList<string> filters)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(filters);
        IEnumerable<ImageSummary> result = rows;
        if (repository is not null)
        {
            ImageReference wanted = ImageReference.ParseNormalizedName(repository);
            result = result.Where(r => r.Reference is { } x && x.Repository == wanted.Repository && (wanted.Tag is null || x.Tag == wanted.Tag));
        }
        foreach (string filter in filters)
        {
            int eq = filter.IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? filter : filter[..eq], value = eq < 0 ? "" : filter[(eq + 1)..];
            result = key switch
            {
                "dangling" when value is "true" or "1" => result.Where(r => r.IsDangling),
                "dangling" when value is "false" or "0" => result.Where(r => !r.IsDangling),
                "dangling" => throw new DrydockException(ErrorKind.InvalidArgument, $"invalid filter '{filter}': dangling takes true or false"),
                "reference" => result.Where(r => r.Reference is { } x && Glob(value).IsMatch(x.Familiar)),
                _ => throw new DrydockException(ErrorKind.InvalidArgument, $"invalid filter '{filter}': supported filters are dangling=true|false and reference=PATTERN"),
            };
        }
        return result.ToList();
    }

    // docker matches reference filters with path.Match against the familiar name: '*' does not cross '/'.
    private static Regex Glob(string pattern)
    {
        string p = pattern.Contains(':', StringComparison.Ordinal) ? pattern : pattern + ":*";
        string regex = "^" + Regex.Escape(p).Replace("\\*", "[^/]*", StringComparison.Ordinal).Replace("\\?", "[^/]", StringComparison.Ordinal) + "$";
        return new Regex(regex, RegexOptions.CultureInvariant);
    }
}

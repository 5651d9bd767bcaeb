namespace Drydock.Parser.Instructions;

/// <summary>"did you mean" hints for misspelt keywords, in the manner of BuildKit's suggest package.</summary>
internal static class Suggest
{
    /// <summary>" (did you mean X?)" for the closest candidate within a small edit distance, else "".</summary>
    public static string DidYouMean(string value, IEnumerable<string> candidates, bool caseInsensitive = true)
    {
        string probe = caseInsensitive ? value.ToLowerInvariant() : value;
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int d = Distance(probe, caseInsensitive ? candidate.ToLowerInvariant() : candidate);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }
        // A suggestion is worth making only when it is close relative to the word's length.
        int limit = Math.Max(1, Math.Min(2, probe.Length / 3 + 1));
        return best is not null && bestDistance > 0 && bestDistance <= limit ? $" (did you mean {best}?)" : "";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}

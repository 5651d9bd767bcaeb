namespace Drydock.Parser.Ignore;

/// <summary>
/// An ordered list of path patterns with docker's semantics (moby/patternmatcher): each pattern is trimmed and
/// cleaned, a leading '!' makes it an exception, and the last pattern that matches a path, or one of its parent
/// directories, decides. Used for .dockerignore and for COPY --exclude.
/// </summary>
/// <example>
/// <code>
/// var m = new PatternMatcher(["docs", "!docs/README.md", "**/*.tmp"]);
/// m.Matches("docs/a.txt");      // true (its parent "docs" matches)
/// m.Matches("docs/README.md");  // false (the exception re-includes it)
/// m.Matches("src/x/y.tmp");     // true
/// </code>
/// </example>
/// <remarks>Immutable after construction and safe to share across threads; matching does not allocate for clean paths.</remarks>
public sealed class PatternMatcher
{
    private readonly IgnorePattern[] _patterns;

    /// <exception cref="ArgumentException">A pattern is malformed (e.g. <c>[</c>) or is a lone <c>!</c>.</exception>
    public PatternMatcher(IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        var list = new List<IgnorePattern>();
        foreach (string raw in patterns)
        {
            string p = raw.Trim();
            if (p.Length == 0) continue;
            p = GoPath.Clean(p);
            bool exclusion = p[0] == '!';
            if (exclusion)
            {
                if (p.Length == 1) throw new ArgumentException("illegal exclusion pattern: \"!\"", nameof(patterns));
                p = p[1..];
            }
            // filepath.Match's verdict on the syntax, as docker checks it.
            if (!FilePathMatch.IsValid(p)) throw new ArgumentException($"syntax error in pattern '{p}'", nameof(patterns));
            list.Add(new IgnorePattern(p, exclusion));
        }
        _patterns = [.. list];
        Patterns = [.. _patterns.Select(p => p.Exclusion ? "!" + p.CleanedPattern : p.CleanedPattern)];
        HasExclusions = _patterns.Any(p => p.Exclusion);
    }

    /// <summary>The cleaned patterns in order, exceptions with their leading '!'.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>Whether any pattern is a '!' exception.</summary>
    public bool HasExclusions { get; }

    /// <summary>
    /// Whether <paramref name="path"/> (slash-separated, relative) is matched, by itself or through a parent
    /// directory, and not re-included by a later exception (patternmatcher's MatchesOrParentMatches).
    /// </summary>
    public bool Matches(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!GoPath.IsClean(path)) return MatchesCleanDirOf(path, Dir(path));
        int slash = path.LastIndexOf('/');
        return MatchesCleanDirOf(path, slash <= 0 ? (slash == 0 ? "/" : ".") : path.AsSpan(0, slash));
    }

    /// <summary>Whether <paramref name="path"/> itself is matched (no parent matching), as patternmatcher's MatchesExact.</summary>
    public bool MatchesExact(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        bool matched = false;
        foreach (var pattern in _patterns)
        {
            if (pattern.Exclusion != matched) continue;
            if (pattern.Matches(path)) matched = !pattern.Exclusion;
        }
        return matched;
    }

    /// <summary>
    /// Whether an exception could re-include a path below <paramref name="dirPath"/>, so a walker must descend into
    /// the directory even though it is matched itself.
    /// </summary>
    public bool MayMatchExceptionUnder(string dirPath)
    {
        ArgumentNullException.ThrowIfNull(dirPath);
        if (!HasExclusions) return false;
        string dir = GoPath.Clean(dirPath);
        string[] dirComponents = dir == "." ? [] : dir.Split('/');
        foreach (var pattern in _patterns)
        {
            if (pattern.Exclusion && CouldMatchBelow(pattern, dir, dirComponents)) return true;
        }
        return false;
    }

    private static bool CouldMatchBelow(IgnorePattern pattern, string dir, string[] dirComponents)
    {
        // Docker's own rule for literal exceptions: "dir/" is a prefix of "pattern/".
        if ((pattern.CleanedPattern + "/").StartsWith(dir + "/", StringComparison.Ordinal) || dir == ".") return true;
        if (!pattern.HasWildcards) return false;
        string[] components = pattern.Components;
        for (int i = 0; i < components.Length; i++)
        {
            // "**" can stand for any number of directories: anything below may match.
            if (components[i].Contains("**", StringComparison.Ordinal)) return true;
            if (i >= dirComponents.Length) return true;
            if (!FilePathMatch.TryMatch(components[i], dirComponents[i], out bool ok) || !ok)
            {
                // A malformed component or a bracket class the regexp reads differently: stay on the safe side.
                if (components[i].Contains('[', StringComparison.Ordinal) || components[i].Contains('\\', StringComparison.Ordinal)) return true;
                return false;
            }
        }
        return false;
    }

    private bool MatchesCleanDirOf(ReadOnlySpan<char> path, ReadOnlySpan<char> parent)
    {
        bool matched = false;
        bool hasParent = !parent.SequenceEqual(".");
        foreach (var pattern in _patterns)
        {
            // An inclusion only matters while nothing matched; an exception only once something did.
            if (pattern.Exclusion != matched) continue;
            bool match = pattern.Matches(path);
            if (!match && hasParent) match = MatchesAParent(pattern, parent);
            if (match) matched = !pattern.Exclusion;
        }
        return matched;
    }

    // The parent and each of its ancestors, shortest first: "a", "a/b", ... as docker joins them.
    private static bool MatchesAParent(IgnorePattern pattern, ReadOnlySpan<char> parent)
    {
        for (int i = 0; i < parent.Length; i++)
        {
            if (parent[i] == '/' && pattern.Matches(parent[..i])) return true;
        }
        return pattern.Matches(parent);
    }

    // filepath.Dir: everything up to the last '/', cleaned.
    private static string Dir(string path)
    {
        int slash = path.LastIndexOf('/');
        return GoPath.Clean(path[..(slash + 1)]);
    }
}

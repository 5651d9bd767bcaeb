using System.Text;

namespace Drydock.Parser.Ignore;

/// <summary>
/// Go's <c>path/filepath.Match</c> on Linux, used for COPY/ADD source globs: <c>*</c> is any run of
/// non-<c>/</c> characters, <c>?</c> one non-<c>/</c> character, <c>[a-z]</c> / <c>[^a-z]</c> a class, and
/// <c>\</c> escapes the next character. The whole name must match.
/// </summary>
/// <example><c>FilePathMatch.Match("*.go", "main.go")</c> is true; <c>FilePathMatch.Match("a*", "a/b")</c> is false.</example>
public static class FilePathMatch
{
    /// <summary>Whether <paramref name="name"/> matches <paramref name="pattern"/>.</summary>
    /// <exception cref="ArgumentException">The pattern is malformed (Go's ErrBadPattern), e.g. <c>[</c> or a trailing <c>\</c>.</exception>
    public static bool Match(string pattern, string name)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(name);
        if (!TryMatch(pattern.AsSpan(), name.AsSpan(), out bool matched))
        {
            throw new ArgumentException($"syntax error in pattern '{pattern}'", nameof(pattern));
        }
        return matched;
    }

    /// <summary>Whether <paramref name="pattern"/> is well formed.</summary>
    public static bool IsValid(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return TryMatch(pattern.AsSpan(), ".".AsSpan(), out _);
    }

    /// <summary>Returns false for a malformed pattern.</summary>
    internal static bool TryMatch(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name, out bool matched)
    {
        matched = false;
        while (pattern.Length > 0)
        {
            bool star = ScanChunk(ref pattern, out ReadOnlySpan<char> chunk);
            if (star && chunk.Length == 0)
            {
                // A trailing * matches the rest of the name unless it holds a '/'.
                matched = !name.Contains('/');
                return true;
            }
            // Look for a match at the current position; the last chunk must use up the name.
            var result = MatchChunk(chunk, name, out ReadOnlySpan<char> rest);
            if (result == ChunkResult.Match && (rest.Length == 0 || pattern.Length > 0))
            {
                name = rest;
                continue;
            }
            if (result == ChunkResult.BadPattern) return false;
            if (star)
            {
                if (TryAfterStar(chunk, pattern.Length == 0, ref name, out bool bad)) continue;
                if (bad) return false;
            }
            // Before answering "no match", check that the rest of the pattern is well formed.
            while (pattern.Length > 0)
            {
                ScanChunk(ref pattern, out chunk);
                if (MatchChunk(chunk, ReadOnlySpan<char>.Empty, out _) == ChunkResult.BadPattern) return false;
            }
            return true;
        }
        matched = name.Length == 0;
        return true;
    }

    // After a star, try the chunk at every later position; the star cannot skip a '/'.
    private static bool TryAfterStar(scoped ReadOnlySpan<char> chunk, bool lastChunk, ref ReadOnlySpan<char> name, out bool bad)
    {
        bad = false;
        for (int i = 0; i < name.Length && name[i] != '/'; i++)
        {
            var result = MatchChunk(chunk, name[(i + 1)..], out ReadOnlySpan<char> rest);
            if (result == ChunkResult.Match)
            {
                if (lastChunk && rest.Length > 0) continue;
                name = rest;
                return true;
            }
            if (result == ChunkResult.BadPattern)
            {
                bad = true;
                return false;
            }
        }
        return false;
    }

    // Splits off the leading stars and the chunk up to the next star outside a class.
    private static bool ScanChunk(ref ReadOnlySpan<char> pattern, out ReadOnlySpan<char> chunk)
    {
        bool star = false;
        while (pattern.Length > 0 && pattern[0] == '*')
        {
            pattern = pattern[1..];
            star = true;
        }
        bool inRange = false;
        int i;
        for (i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 < pattern.Length) i++;
            }
            else if (c == '[') inRange = true;
            else if (c == ']') inRange = false;
            else if (c == '*' && !inRange) break;
        }
        chunk = pattern[..i];
        pattern = pattern[i..];
        return star;
    }

    private enum ChunkResult { NoMatch, Match, BadPattern }

    // Matches one chunk at the start of s. After a mismatch it keeps reading the chunk to validate it.
    private static ChunkResult MatchChunk(scoped ReadOnlySpan<char> chunk, ReadOnlySpan<char> s, out ReadOnlySpan<char> rest)
    {
        rest = default;
        bool failed = false;
        while (chunk.Length > 0)
        {
            if (!failed && s.Length == 0) failed = true;
            switch (chunk[0])
            {
                case '[':
                    int r = 0;
                    if (!failed) r = TakeRune(ref s);
                    chunk = chunk[1..];
                    if (!MatchClass(ref chunk, r, out bool inClass)) return ChunkResult.BadPattern;
                    if (!inClass) failed = true;
                    break;
                case '?':
                    if (!failed)
                    {
                        if (s[0] == '/') failed = true;
                        TakeRune(ref s);
                    }
                    chunk = chunk[1..];
                    break;
                case '\\':
                    chunk = chunk[1..];
                    if (chunk.Length == 0) return ChunkResult.BadPattern;
                    goto default;
                default:
                    if (!failed)
                    {
                        if (chunk[0] != s[0]) failed = true;
                        s = s[1..];
                    }
                    chunk = chunk[1..];
                    break;
            }
        }
        if (failed) return ChunkResult.NoMatch;
        rest = s;
        return ChunkResult.Match;
    }

    // chunk starts after '['; on return it starts after the closing ']'. inClass: whether r is accepted.
    private static bool MatchClass(ref ReadOnlySpan<char> chunk, int r, out bool inClass)
    {
        inClass = false;
        bool negated = false;
        if (chunk.Length > 0 && chunk[0] == '^')
        {
            negated = true;
            chunk = chunk[1..];
        }
        bool match = false;
        int ranges = 0;
        while (true)
        {
            if (chunk.Length > 0 && chunk[0] == ']' && ranges > 0)
            {
                chunk = chunk[1..];
                break;
            }
            if (!GetEscaped(ref chunk, out int lo)) return false;
            int hi = lo;
            if (chunk[0] == '-')
            {
                chunk = chunk[1..];
                if (!GetEscaped(ref chunk, out hi)) return false;
            }
            if (lo <= r && r <= hi) match = true;
            ranges++;
        }
        inClass = match != negated;
        return true;
    }

    // One class character (possibly escaped); false when malformed or when nothing follows it.
    private static bool GetEscaped(ref ReadOnlySpan<char> chunk, out int r)
    {
        r = 0;
        if (chunk.Length == 0 || chunk[0] == '-' || chunk[0] == ']') return false;
        if (chunk[0] == '\\')
        {
            chunk = chunk[1..];
            if (chunk.Length == 0) return false;
        }
        r = TakeRune(ref chunk);
        return chunk.Length > 0;
    }

    private static int TakeRune(ref ReadOnlySpan<char> s)
    {
        Rune.DecodeFromUtf16(s, out Rune rune, out int consumed);
        s = s[Math.Max(consumed, 1)..];
        return rune.Value;
    }
}

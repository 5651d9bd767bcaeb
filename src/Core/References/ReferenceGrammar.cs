namespace Drydock.Core.References;

/// <summary>
/// The grammar of distribution/reference (its regexp.go), matched by hand: every command that names an image
/// parses a reference before doing anything else, and a hand matcher costs nothing at start-up, where the first
/// use of a regular expression costs milliseconds.
/// </summary>
internal static class ReferenceGrammar
{
    /// <summary>name[:tag][@digest]: splits <paramref name="s"/> and checks each part; false when any part is malformed.</summary>
    public static bool TrySplit(string s, out string name, out string? tag, out string? digest)
    {
        name = s;
        tag = digest = null;
        int at = s.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = s[(at + 1)..];
            if (!IsDigest(digest)) return false;
            name = s[..at];
        }
        // a tag follows the last ':' after the last '/'; a ':' before it belongs to the registry's port
        int colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/'))
        {
            tag = name[(colon + 1)..];
            if (!IsTag(tag)) return false;
            name = name[..colon];
        }
        return IsName(name);
    }

    /// <summary>[domain/]path-component(/path-component)*.</summary>
    public static bool IsName(ReadOnlySpan<char> name)
    {
        int slash = name.IndexOf('/');
        return IsPath(name) || (slash > 0 && IsDomain(name[..slash]) && IsPath(name[(slash + 1)..]));
    }

    /// <summary>path-component(/path-component)*.</summary>
    public static bool IsPath(ReadOnlySpan<char> path)
    {
        foreach (Range part in path.Split('/'))
            if (!IsPathComponent(path[part])) return false;
        return true;
    }

    /// <summary>[a-z0-9]+ joined by one separator: '.', '_', '__' or any run of '-'.</summary>
    private static bool IsPathComponent(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || !IsLowerAlnum(s[0]) || !IsLowerAlnum(s[^1])) return false;
        int i = 1;
        while (i < s.Length)
        {
            if (IsLowerAlnum(s[i]))
            {
                i++;
                continue;
            }
            int start = i;
            while (!IsLowerAlnum(s[i])) i++; // ends: the last character is alphanumeric
            ReadOnlySpan<char> separator = s[start..i];
            if (!(separator is "." or "_" or "__" || !separator.ContainsAnyExcept('-'))) return false;
        }
        return true;
    }

    /// <summary>host[:port], the host a dotted name of [a-zA-Z0-9-] labels or a bracketed IPv6 address.</summary>
    private static bool IsDomain(ReadOnlySpan<char> s)
    {
        ReadOnlySpan<char> port;
        if (s.StartsWith('['))
        {
            int close = s.IndexOf(']');
            if (close < 2) return false;
            foreach (char c in s[1..close])
                if (!char.IsAsciiHexDigit(c) && c != ':') return false;
            port = s[(close + 1)..];
        }
        else
        {
            int colon = s.IndexOf(':');
            ReadOnlySpan<char> host = colon < 0 ? s : s[..colon];
            port = colon < 0 ? [] : s[colon..];
            foreach (Range label in host.Split('.'))
                if (!IsDomainLabel(host[label])) return false;
        }
        return port.IsEmpty || (port.Length > 1 && port[0] == ':' && !port[1..].ContainsAnyExceptInRange('0', '9'));
    }

    private static bool IsDomainLabel(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || !char.IsAsciiLetterOrDigit(s[0]) || !char.IsAsciiLetterOrDigit(s[^1])) return false;
        foreach (char c in s)
            if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
        return true;
    }

    /// <summary>[\w][\w.-]{0,127}, \w being ASCII as in Go.</summary>
    public static bool IsTag(ReadOnlySpan<char> s)
    {
        if (s.Length is 0 or > 128 || !IsWord(s[0])) return false;
        foreach (char c in s[1..])
            if (!IsWord(c) && c is not '.' and not '-') return false;
        return true;
    }

    /// <summary>algorithm:hex, the algorithm [A-Za-z][A-Za-z0-9]* parts joined by [-_+.], at least 32 hex digits.</summary>
    private static bool IsDigest(ReadOnlySpan<char> s)
    {
        int colon = s.IndexOf(':');
        if (colon < 0 || s.Length - colon - 1 < 32) return false;
        foreach (char c in s[(colon + 1)..])
            if (!char.IsAsciiHexDigit(c)) return false;
        ReadOnlySpan<char> algorithm = s[..colon];
        bool partStart = true;
        foreach (char c in algorithm)
        {
            if (partStart ? !char.IsAsciiLetter(c) : !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '.')) return false;
            partStart = c is '-' or '_' or '+' or '.';
        }
        return !partStart;
    }

    /// <summary>Exactly 64 lower-case hex digits: an image ID, which docker refuses as a repository name.</summary>
    public static bool IsImageIdHex(ReadOnlySpan<char> s)
    {
        if (s.Length != 64) return false;
        foreach (char c in s)
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f')) return false;
        return true;
    }

    private static bool IsLowerAlnum(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    private static bool IsWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}

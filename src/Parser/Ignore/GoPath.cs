namespace Drydock.Parser.Ignore;

/// <summary>Go's <c>path.Clean</c> (= <c>filepath.Clean</c> on Linux), which docker applies to ignore patterns and paths.</summary>
internal static class GoPath
{
    /// <summary>The shortest equivalent path: repeated and trailing '/' removed, '.' elements removed, '..' resolved
    /// lexically (kept at the start of a relative path, dropped at the root), "" becomes ".".</summary>
    public static string Clean(string path)
    {
        if (path.Length == 0) return ".";
        if (IsClean(path)) return path;
        bool rooted = path[0] == '/';
        int n = path.Length;
        var output = new char[n + 1];
        int w = 0, r = 0, dotdot = 0;
        if (rooted)
        {
            output[w++] = '/';
            r = 1;
            dotdot = 1;
        }
        while (r < n)
        {
            if (path[r] == '/')
            {
                r++;
            }
            else if (path[r] == '.' && (r + 1 == n || path[r + 1] == '/'))
            {
                r++;
            }
            else if (path[r] == '.' && path[r + 1] == '.' && (r + 2 == n || path[r + 2] == '/'))
            {
                r += 2;
                if (w > dotdot)
                {
                    w--;
                    while (w > dotdot && output[w] != '/') w--;
                }
                else if (!rooted)
                {
                    if (w > 0) output[w++] = '/';
                    output[w++] = '.';
                    output[w++] = '.';
                    dotdot = w;
                }
            }
            else
            {
                if ((rooted && w != 1) || (!rooted && w != 0)) output[w++] = '/';
                for (; r < n && path[r] != '/'; r++) output[w++] = path[r];
            }
        }
        if (w == 0) output[w++] = '.';
        return new string(output, 0, w);
    }

    /// <summary>True when <see cref="Clean"/> would return the path unchanged (checked without allocating).</summary>
    public static bool IsClean(ReadOnlySpan<char> path)
    {
        if (path.Length == 0) return false;
        if (path.Length > 1 && path[^1] == '/') return false;
        int start = 0;
        bool rooted = path[0] == '/';
        if (rooted) start = 1;
        bool leadingDotDots = !rooted;
        while (start < path.Length)
        {
            int end = path[start..].IndexOf('/');
            ReadOnlySpan<char> element = end < 0 ? path[start..] : path.Slice(start, end);
            if (element.Length == 0) return false;
            if (element is ".") return path.Length == 1;
            if (element is "..")
            {
                if (!leadingDotDots) return false;
            }
            else
            {
                leadingDotDots = false;
            }
            if (end < 0) break;
            start += end + 1;
        }
        return true;
    }
}

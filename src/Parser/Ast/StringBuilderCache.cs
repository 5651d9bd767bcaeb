using System.Text;

namespace Drydock.Parser.Ast;

/// <summary>
/// One reusable builder per thread, in the manner of the BCL's internal StringBuilderCache: the parser builds
/// a short string for nearly every word, and a fresh builder each time was a large share of its allocations.
/// A nested <see cref="Acquire"/> (while the cached one is out) simply gets a new builder.
/// </summary>
internal static class StringBuilderCache
{
    private const int MaxCachedCapacity = 4096;

    [ThreadStatic]
    private static StringBuilder? t_cached;

    public static StringBuilder Acquire()
    {
        StringBuilder? sb = t_cached;
        if (sb is null) return new StringBuilder();
        t_cached = null;
        return sb.Clear();
    }

    public static void Release(StringBuilder sb)
    {
        if (sb.Capacity <= MaxCachedCapacity) t_cached = sb;
    }

    public static string GetStringAndRelease(StringBuilder sb)
    {
        string s = sb.ToString();
        Release(sb);
        return s;
    }
}

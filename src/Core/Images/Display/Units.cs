using System.Globalization;

namespace Drydock.Core.Images.Display;

/// <summary>Sizes and durations printed the way docker prints them (go-units HumanSize and HumanDuration).</summary>
public static class Units
{
    private static readonly string[] s_decimal = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];

    /// <summary>"4.26MB", "512B", "1.23kB": three significant digits, decimal units.</summary>
    public static string HumanSize(long bytes)
    {
        double size = bytes;
        int i = 0;
        while (size >= 1000 && i < s_decimal.Length - 1)
        {
            size /= 1000;
            i++;
        }
        return size.ToString("G3", CultureInfo.InvariantCulture).ToLowerInvariant() + s_decimal[i];
    }

    /// <summary>"Less than a second", "About a minute", "3 weeks" ...</summary>
    public static string HumanDuration(TimeSpan d)
    {
        int seconds = (int)d.TotalSeconds;
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return $"{seconds} seconds";
        int minutes = (int)d.TotalMinutes;
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return $"{minutes} minutes";
        int hours = (int)(d.TotalHours + 0.5);
        if (hours == 1) return "About an hour";
        if (hours < 48) return $"{hours} hours";
        if (hours < 24 * 7 * 2) return $"{hours / 24} days";
        if (hours < 24 * 30 * 2) return $"{hours / 24 / 7} weeks";
        if (hours < 24 * 365 * 2) return $"{hours / 24 / 30} months";
        return $"{(int)d.TotalHours / 24 / 365} years";
    }

    /// <summary>"2 weeks ago", or "N/A" when the time is unknown.</summary>
    public static string Since(DateTimeOffset? time, DateTimeOffset now) => time is { } t ? HumanDuration(now - t) + " ago" : "N/A";

    /// <summary>Go's time.Time String() form as docker prints CreatedAt: "2024-01-02 03:04:05 +0000 UTC".</summary>
    public static string GoTime(DateTimeOffset? time)
    {
        if (time is not { } t) return "";
        DateTimeOffset utc = t.ToUniversalTime();
        return utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " +0000 UTC";
    }

    /// <summary>Shortens to <paramref name="max"/> characters with a trailing "…", as docker's stringutils.Ellipsis.</summary>
    public static string Ellipsis(string s, int max)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Length <= max ? s : s[..(max - 1)] + "…";
    }
}

using System.Globalization;

namespace Drydock.Containers.Ps;

/// <summary>Durations the way docker prints them ("Less than a second", "About a minute", "3 hours").</summary>
public static class HumanDuration
{
    public static string Format(TimeSpan d)
    {
        double seconds = d.TotalSeconds;
        if (seconds < 1) return "Less than a second";
        if (seconds < 2) return "1 second";
        if (seconds < 60) return $"{N((long)seconds)} seconds";
        double minutes = d.TotalMinutes;
        if (Math.Round(minutes) == 1) return "About a minute";
        if (minutes < 60) return $"{N((long)minutes)} minutes";
        double hours = Math.Round(d.TotalHours);
        if (hours == 1) return "About an hour";
        if (hours < 48) return $"{N((long)hours)} hours";
        if (hours < 24 * 7 * 2) return $"{N((long)(hours / 24))} days";
        if (hours < 24 * 30 * 2) return $"{N((long)(hours / 24 / 7))} weeks";
        if (hours < 24 * 365 * 2) return $"{N((long)(hours / 24 / 30))} months";
        return $"{N((long)(hours / 24 / 365))} years";
    }

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
}

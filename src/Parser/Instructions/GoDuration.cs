using System.Globalization;

namespace Drydock.Parser.Instructions;

/// <summary>Go's time.ParseDuration: "300ms", "1.5h", "2h45m", "-1s"; units ns, us, µs, ms, s, m, h.</summary>
internal static class GoDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        string s = text;
        bool negative = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s == "0") return true;
        if (s.Length == 0) return false;
        double totalNanoseconds = 0;
        int i = 0;
        while (i < s.Length)
        {
            int start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (i == start || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
                return false;
            int unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.') i++;
            double scale = s[unitStart..i] switch
            {
                "ns" => 1,
                "us" or "µs" or "μs" => 1e3,
                "ms" => 1e6,
                "s" => 1e9,
                "m" => 60e9,
                "h" => 3600e9,
                _ => double.NaN,
            };
            if (double.IsNaN(scale)) return false;
            totalNanoseconds += value * scale;
        }
        if (totalNanoseconds > long.MaxValue) return false;
        long ticks = (long)(totalNanoseconds / 100);
        duration = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return true;
    }
}

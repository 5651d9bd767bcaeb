using System.Globalization;
using Drydock.Core;

namespace Drydock.Containers.Spec;

/// <summary>docker's memory sizes: a number with an optional b, k, m or g suffix (binary units).</summary>
public static class ByteSize
{
    public static long Parse(string value, string flag)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        string s = value.Trim().ToLowerInvariant();
        if (s.EndsWith('b') && s.Length > 1 && !char.IsDigit(s[^2])) s = s[..^1];
        long unit = s[^1] switch
        {
            'b' => 1,
            'k' => 1L << 10,
            'm' => 1L << 20,
            'g' => 1L << 30,
            't' => 1L << 40,
            _ => 0,
        };
        string number = unit == 0 ? s : s[..^1];
        if (unit == 0) unit = 1;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n) || n <= 0)
            throw new DrydockException(ErrorKind.InvalidArgument, $"invalid argument \"{value}\" for \"{flag}\" flag: invalid size: '{value}'");
        return checked((long)(n * unit));
    }
}

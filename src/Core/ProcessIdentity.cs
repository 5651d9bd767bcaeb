using System.Globalization;
using System.Text.Json.Serialization;

namespace Drydock.Core;

/// <summary>
/// A process by PID and start time (field 22 of /proc/PID/stat, in clock ticks since boot), so that a recycled
/// PID is never mistaken for the process that was recorded.
/// </summary>
public sealed record ProcessIdentity(int Pid, ulong StartTime)
{
    public static ProcessIdentity Current { get; } = Of(Environment.ProcessId)
        ?? throw new InvalidOperationException("cannot read /proc/self/stat");

    /// <summary>The identity of a live process, or null when there is no such process.</summary>
    public static ProcessIdentity? Of(int pid) => StartTimeOf(pid) is { } start ? new ProcessIdentity(pid, start) : null;

    [JsonIgnore]
    public bool IsAlive => StartTimeOf(Pid) == StartTime;

    /// <summary>
    /// Field 22 (starttime) of /proc/PID/stat: null when there is no such process, or when it has exited and
    /// only waits for its parent (a zombie) unless <paramref name="exitedCounts"/>.
    /// </summary>
    // proc(5): the comm field (2) may contain spaces and parentheses, so fields are counted after the last ')'.
    internal static ulong? StartTimeOf(int pid, bool exitedCounts = false)
    {
        string path = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat";
        // an exited process is a common answer: asked first, it costs a stat, not an exception
        if (!File.Exists(path)) return null;
        string stat;
        try
        {
            stat = File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        int close = stat.LastIndexOf(')');
        if (close < 0) return null;
        string[] fields = stat[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state)
        if (fields.Length < 20 || (!exitedCounts && fields[0] is "Z" or "X")) return null;
        return ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out ulong start) ? start : null;
    }
}

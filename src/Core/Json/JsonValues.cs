using System.Text.Json;

namespace Drydock.Core.Json;

/// <summary>
/// The values the hand-written readers of Drydock's JSON documents share (OCI manifests and configs, snapshot and
/// container records): each reads one property value with the reader before it, as <see cref="Next"/> leaves it
/// (the process identity both records hold is also written here, so its reader and writer stay one pair).
/// A value of a shape the caller does not model throws <see cref="UnmodelledJsonException"/>, so that the
/// caller falls back to the source-generated serializer, which then either reads it or reports the error.
/// </summary>
public static class JsonValues
{
    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    public static bool Next(ref Utf8JsonReader r) => r.Read() && r.TokenType == JsonTokenType.PropertyName;

    public static void Skip(ref Utf8JsonReader r)
    {
        r.Read();
        r.Skip();
    }

    public static bool StartObjectOrNull(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Null) return false;
        return r.TokenType == JsonTokenType.StartObject ? true : throw new UnmodelledJsonException();
    }

    public static string String(ref Utf8JsonReader r)
    {
        r.Read();
        return r.TokenType == JsonTokenType.String ? r.GetString()! : throw new UnmodelledJsonException();
    }

    public static string? NullableString(ref Utf8JsonReader r)
    {
        r.Read();
        return r.TokenType switch
        {
            JsonTokenType.String => r.GetString(),
            JsonTokenType.Null => null,
            _ => throw new UnmodelledJsonException(),
        };
    }

    public static long Long(ref Utf8JsonReader r)
    {
        r.Read();
        return r.TokenType == JsonTokenType.Number ? r.GetInt64() : throw new UnmodelledJsonException();
    }

    public static ulong ULong(ref Utf8JsonReader r)
    {
        r.Read();
        return r.TokenType == JsonTokenType.Number ? r.GetUInt64() : throw new UnmodelledJsonException();
    }

    public static int Int(ref Utf8JsonReader r)
    {
        r.Read();
        return r.TokenType == JsonTokenType.Number ? r.GetInt32() : throw new UnmodelledJsonException();
    }

    public static int? NullableInt(ref Utf8JsonReader r)
    {
        var peek = r;
        peek.Read();
        if (peek.TokenType != JsonTokenType.Null) return Int(ref r);
        r.Read();
        return null;
    }

    /// <summary>
    /// Where a stored record failed to parse, for an error a user can act on ("not a valid record (JSON error at
    /// line 1, byte 7, $.id)"), instead of the serializer's message and its reader's, which name internal states.
    /// </summary>
    public static string Problem(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.LineNumber is not { } line) return "not a valid record";
        string path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : ", " + e.Path;
        return $"not a valid record (JSON error at line {line + 1}, byte {e.BytePositionInLine + 1}{path})";
    }

    /// <summary>Writes what <see cref="Process"/> reads; nothing for a null identity (the serializers leave nulls out).</summary>
    public static void WriteProcess(Utf8JsonWriter w, ReadOnlySpan<byte> property, ProcessIdentity? process, ReadOnlySpan<byte> pidName, ReadOnlySpan<byte> startTimeName)
    {
        if (process is null) return;
        w.WriteStartObject(property);
        w.WriteNumber(pidName, process.Pid);
        w.WriteNumber(startTimeName, process.StartTime);
        w.WriteEndObject();
    }

    /// <summary>A process identity, its two properties named as the caller's document names them; null for null.</summary>
    public static ProcessIdentity? Process(ref Utf8JsonReader r, ReadOnlySpan<byte> pidName, ReadOnlySpan<byte> startTimeName)
    {
        if (!StartObjectOrNull(ref r)) return null;
        int? pid = null;
        ulong? startTime = null;
        while (Next(ref r))
        {
            if (r.ValueTextEquals(pidName)) pid = Int(ref r);
            else if (r.ValueTextEquals(startTimeName)) startTime = ULong(ref r);
            else Skip(ref r);
        }
        return pid is null || startTime is null ? throw new UnmodelledJsonException() : new ProcessIdentity(pid.Value, startTime.Value);
    }

    public static bool Bool(ref Utf8JsonReader r)
    {
        r.Read();
        return r.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw new UnmodelledJsonException(),
        };
    }

    public static DateTimeOffset? Time(ref Utf8JsonReader r)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Null) return null;
        return r.TokenType == JsonTokenType.String && r.TryGetDateTimeOffset(out DateTimeOffset t) ? t : throw new UnmodelledJsonException();
    }

    public delegate T ReadItem<T>(ref Utf8JsonReader r);

    /// <summary>An array whose items each start with the reader before them, as a property value does.</summary>
    public static List<T> List<T>(ref Utf8JsonReader r, ReadItem<T> item)
    {
        r.Read();
        if (r.TokenType != JsonTokenType.StartArray) throw new UnmodelledJsonException();
        var items = new List<T>();
        while (true)
        {
            var peek = r;
            peek.Read();
            if (peek.TokenType == JsonTokenType.EndArray)
            {
                r.Read();
                return items;
            }
            items.Add(item(ref r));
        }
    }

    public static List<T>? NullableList<T>(ref Utf8JsonReader r, ReadItem<T> item)
    {
        var peek = r;
        peek.Read();
        if (peek.TokenType != JsonTokenType.Null) return List(ref r, item);
        r.Read();
        return null;
    }

    public static List<string>? Strings(ref Utf8JsonReader r) => NullableList(ref r, String);

    public static Dictionary<string, string>? StringMap(ref Utf8JsonReader r)
    {
        if (!StartObjectOrNull(ref r)) return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (Next(ref r))
        {
            string key = r.GetString()!;
            map[key] = String(ref r);
        }
        return map;
    }
}

/// <summary>A document a hand-written reader leaves to the serializer.</summary>
public sealed class UnmodelledJsonException : Exception;

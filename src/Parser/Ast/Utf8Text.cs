using System.Text;

namespace Drydock.Parser.Ast;

/// <summary>
/// Dockerfiles are bytes, and BuildKit prints bytes that are not valid UTF-8 as <c>\xHH</c>. We decode UTF-8 and
/// keep each invalid byte as the lone surrogate U+DC80+byte (Python's "surrogateescape"): valid UTF-8 never
/// yields a lone surrogate, so the bytes survive a round trip and stay distinguishable from U+FFFD.
/// </summary>
internal static class Utf8Text
{
    public static bool IsEscapedByte(char c) => c >= '\uDC80' && c <= '\uDCFF';

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return Encoding.UTF8.GetString(bytes);
        var sb = new StringBuilder(bytes.Length);
        int i = 0;
        while (i < bytes.Length)
        {
            byte b = bytes[i];
            if (b < 0x80)
            {
                sb.Append((char)b);
                i++;
                continue;
            }
            if (Rune.DecodeFromUtf8(bytes[i..], out Rune rune, out int consumed) == System.Buffers.OperationStatus.Done)
            {
                if (rune.IsBmp) sb.Append((char)rune.Value);
                else sb.Append(rune.ToString());
                i += consumed;
                continue;
            }
            // Go decodes an invalid sequence one byte at a time.
            sb.Append((char)(0xDC00 + b));
            i++;
        }
        return sb.ToString();
    }

    public static byte[] Encode(string text)
    {
        var bytes = new List<byte>(text.Length);
        Span<byte> buffer = stackalloc byte[4];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else if (IsEscapedByte(c))
            {
                bytes.Add((byte)(c - 0xDC00));
            }
            else
            {
                Rune rune;
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    rune = new Rune(c, text[i + 1]);
                    i++;
                }
                else if (char.IsSurrogate(c))
                {
                    rune = Rune.ReplacementChar;
                }
                else
                {
                    rune = new Rune(c);
                }
                int n = rune.EncodeToUtf8(buffer);
                for (int k = 0; k < n; k++) bytes.Add(buffer[k]);
            }
        }
        return [.. bytes];
    }

    /// <summary>Each byte as the character with that code, as Go's <c>rune(line[pos])</c> does.</summary>
    public static string Latin1(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++) chars[i] = (char)bytes[i];
        return new string(chars);
    }

    /// <summary>Number of bytes <paramref name="text"/> had in the file.</summary>
    public static int ByteCount(ReadOnlySpan<char> text)
    {
        int n = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x80 || IsEscapedByte(c)) n++;
            else if (c < 0x800) n += 2;
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { n += 4; i++; }
            else n += 3;
        }
        return n;
    }

    /// <summary>Go's <c>unicode.IsSpace</c>.</summary>
    public static bool IsSpace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u0085' or '\u00A0' => true,
        < '\u1680' => false,
        '\u1680' or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' => true,
        >= '\u2000' and <= '\u200A' => true,
        _ => false,
    };

    /// <summary>Go's <c>unicode.IsSpace(rune(b))</c> for one byte.</summary>
    public static bool IsByteSpace(byte b) => b is (>= 0x09 and <= 0x0D) or 0x20 or 0x85 or 0xA0;

    public static string TrimSpace(string s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsSpace(s[start])) start++;
        while (end > start && IsSpace(s[end - 1])) end--;
        return start == 0 && end == s.Length ? s : s[start..end];
    }

    public static string TrimLeftSpace(string s)
    {
        int start = 0;
        while (start < s.Length && IsSpace(s[start])) start++;
        return start == 0 ? s : s[start..];
    }

    /// <summary>Removes trailing <c>\r</c> and <c>\n</c> characters.</summary>
    public static string TrimNewline(string s)
    {
        int end = s.Length;
        while (end > 0 && (s[end - 1] == '\r' || s[end - 1] == '\n')) end--;
        return end == s.Length ? s : s[..end];
    }

    /// <summary>Go's <c>strings.ToLower</c>: invalid bytes become U+FFFD.</summary>
    public static string ToLower(string s)
    {
        bool ascii = true;
        foreach (char c in s)
        {
            if (c >= 0x80) { ascii = false; break; }
        }
        if (ascii) return s.ToLowerInvariant();
        var sb = new StringBuilder(s.Length);
        foreach (char c in s) sb.Append(IsEscapedByte(c) ? '\uFFFD' : c);
        return sb.ToString().ToLowerInvariant();
    }
}

using System.Globalization;
using System.Text;

namespace Drydock.Parser.Ast;

/// <summary>
/// The exec form's JSON array, read as Go's encoding/json reads it: standard JSON only, the whole text one value
/// (trailing JSON whitespace allowed), invalid UTF-8 and unpaired surrogate escapes become U+FFFD.
/// Anything that is not a valid array makes the caller fall back to shell form; a valid array holding something
/// other than strings is an error.
/// </summary>
internal sealed class JsonArray
{
    public enum Outcome { NotJson, NotStringArray, Strings }

    private readonly string _s;
    private readonly StringBuilder _sb;
    private int _pos;
    private bool _nonString;

    private JsonArray(string s, StringBuilder sb)
    {
        _s = s;
        _sb = sb;
    }

    public static Outcome TryParse(string rest, out List<string> values)
    {
        values = [];
        rest = Utf8Text.TrimLeftSpace(rest);
        if (rest.Length == 0 || rest[0] != '[') return Outcome.NotJson;
        StringBuilder sb = StringBuilderCache.Acquire();
        var parser = new JsonArray(rest, sb);
        bool parsed = parser.ParseArray(values);
        StringBuilderCache.Release(sb);
        if (!parsed) return Outcome.NotJson;
        parser.SkipWhitespace();
        if (parser._pos != rest.Length) return Outcome.NotJson;
        return parser._nonString ? Outcome.NotStringArray : Outcome.Strings;
    }

    private void SkipWhitespace()
    {
        while (_pos < _s.Length && _s[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
    }

    private bool ParseArray(List<string>? values)
    {
        _pos++; // '['
        SkipWhitespace();
        if (_pos < _s.Length && _s[_pos] == ']')
        {
            _pos++;
            return true;
        }
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _s.Length) return false;
            if (_s[_pos] == '"')
            {
                string? str = ParseString();
                if (str is null) return false;
                values?.Add(str);
            }
            else
            {
                if (!ParseValue()) return false;
                if (values is not null) _nonString = true;
            }
            SkipWhitespace();
            if (_pos >= _s.Length) return false;
            char c = _s[_pos++];
            if (c == ']') return true;
            if (c != ',') return false;
        }
    }

    private bool ParseValue()
    {
        SkipWhitespace();
        if (_pos >= _s.Length) return false;
        char c = _s[_pos];
        switch (c)
        {
            case '"': return ParseString() is not null;
            case '[': return ParseArray(null);
            case '{': return ParseObject();
            case 't': return Literal("true");
            case 'f': return Literal("false");
            case 'n': return Literal("null");
            default: return c == '-' || char.IsAsciiDigit(c) ? ParseNumber() : false;
        }
    }

    private bool ParseObject()
    {
        _pos++; // '{'
        SkipWhitespace();
        if (_pos < _s.Length && _s[_pos] == '}')
        {
            _pos++;
            return true;
        }
        while (true)
        {
            SkipWhitespace();
            if (_pos >= _s.Length || _s[_pos] != '"' || ParseString() is null) return false;
            SkipWhitespace();
            if (_pos >= _s.Length || _s[_pos++] != ':') return false;
            if (!ParseValue()) return false;
            SkipWhitespace();
            if (_pos >= _s.Length) return false;
            char c = _s[_pos++];
            if (c == '}') return true;
            if (c != ',') return false;
        }
    }

    private bool Literal(string word)
    {
        if (string.CompareOrdinal(_s, _pos, word, 0, word.Length) != 0) return false;
        _pos += word.Length;
        return true;
    }

    private bool ParseNumber()
    {
        int start = _pos;
        if (_s[_pos] == '-') _pos++;
        if (_pos >= _s.Length) return false;
        if (_s[_pos] == '0') _pos++;
        else if (_s[_pos] is >= '1' and <= '9') { while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos])) _pos++; }
        else return false;
        if (_pos < _s.Length && _s[_pos] == '.')
        {
            _pos++;
            if (_pos >= _s.Length || !char.IsAsciiDigit(_s[_pos])) return false;
            while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos])) _pos++;
        }
        if (_pos < _s.Length && _s[_pos] is 'e' or 'E')
        {
            _pos++;
            if (_pos < _s.Length && _s[_pos] is '+' or '-') _pos++;
            if (_pos >= _s.Length || !char.IsAsciiDigit(_s[_pos])) return false;
            while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos])) _pos++;
        }
        // Go fails to decode a number that does not fit a float64, which sends the line to shell form.
        return double.TryParse(_s.AsSpan(start, _pos - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
            && double.IsFinite(d);
    }

    private string? ParseString()
    {
        _pos++; // opening quote
        StringBuilder sb = _sb.Clear();
        while (_pos < _s.Length)
        {
            char c = _s[_pos++];
            if (c == '"') return sb.ToString();
            if (c < 0x20) return null;
            if (c != '\\')
            {
                sb.Append(Utf8Text.IsEscapedByte(c) ? '\uFFFD' : c);
                continue;
            }
            if (_pos >= _s.Length) return null;
            char e = _s[_pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (!ReadHex4(out int u)) return null;
                    if (char.IsHighSurrogate((char)u) && _pos + 1 < _s.Length && _s[_pos] == '\\' && _s[_pos + 1] == 'u')
                    {
                        int save = _pos;
                        _pos += 2;
                        if (ReadHex4(out int low) && char.IsLowSurrogate((char)low))
                        {
                            sb.Append((char)u).Append((char)low);
                            break;
                        }
                        _pos = save;
                    }
                    sb.Append(char.IsSurrogate((char)u) ? '\uFFFD' : (char)u);
                    break;
                default:
                    return null;
            }
        }
        return null;
    }

    private bool ReadHex4(out int value)
    {
        value = 0;
        if (_pos + 4 > _s.Length) return false;
        for (int i = 0; i < 4; i++)
        {
            int d = HexValue(_s[_pos + i]);
            if (d < 0) return false;
            value = (value << 4) | d;
        }
        _pos += 4;
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}

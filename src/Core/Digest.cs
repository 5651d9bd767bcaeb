using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Drydock.Core;

/// <summary>A content digest such as <c>sha256:9f86…</c>. Never pass digests around as bare strings.</summary>
[JsonConverter(typeof(DigestJsonConverter))]
public readonly record struct Digest(string Algorithm, string Encoded) : ISpanFormattable
{
    public const string Sha256Algorithm = "sha256";

    public static Digest Sha256(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[32];
        if (data.Length <= SmallSha256.MaxLength) SmallSha256.Hash(data, hash);
        else SHA256.HashData(data, hash);
        return FromSha256Hash(hash);
    }

    public static Digest FromSha256Hash(ReadOnlySpan<byte> hash) => new(Sha256Algorithm, Convert.ToHexStringLower(hash));

    public static async ValueTask<Digest> Sha256Async(Stream stream, CancellationToken cancellationToken = default)
        => FromSha256Hash(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));

    /// <summary>Parses <c>algorithm:encoded</c> as the OCI image spec's descriptor section defines it.</summary>
    public static Digest Parse(string s)
        => TryParse(s, out Digest d) ? d : throw new DrydockException(ErrorKind.InvalidArgument, $"invalid digest '{s}': expected sha256: followed by 64 lower-case hex digits");

    public static bool TryParse([NotNullWhen(true)] string? s, out Digest digest)
    {
        digest = default;
        if (s is null) return false;
        int colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == s.Length - 1) return false;
        string algorithm = s[..colon], encoded = s[(colon + 1)..];
        if (algorithm == Sha256Algorithm)
        {
            if (encoded.Length != 64) return false;
            foreach (char c in encoded) if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) return false;
        }
        else if (algorithm == "sha512")
        {
            if (encoded.Length != 128) return false;
            foreach (char c in encoded) if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) return false;
        }
        else return false;
        digest = new Digest(algorithm, encoded);
        return true;
    }

    public bool IsEmpty => Algorithm is null;

    /// <summary>The first 12 hex digits, as docker shows image IDs.</summary>
    public string Short => Encoded.Length > 12 ? Encoded[..12] : Encoded;

    public override string ToString() => $"{Algorithm}:{Encoded}";

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => destination.TryWrite($"{Algorithm}:{Encoded}", out charsWritten);
}

internal sealed class DigestJsonConverter : JsonConverter<Digest>
{
    public override Digest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? s = reader.GetString();
        return Digest.TryParse(s, out Digest d) ? d : throw new JsonException($"invalid digest '{s}'");
    }

    public override void Write(Utf8JsonWriter writer, Digest value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

using System.Security.Cryptography;
using System.Text;
using Drydock.Core;

namespace Drydock.Solver.Cache;

/// <summary>
/// The cache key formula:
/// <c>H("drydock/cachekey/v1", OpDigest, platform, ∀ input i: ContentChecksum_i ?? H(CacheKey_i, Selector_i), ∀ content c: c)</c>.
/// Each part is written on its own line, so no two different lists of parts hash alike.
/// </summary>
public static class CacheKeys
{
    private const string Version = "drydock/cachekey/v1";

    public static CacheKey Compute(Digest opDigest, string platform, IReadOnlyList<Digest> inputParts, IReadOnlyList<ContentChecksum> content)
    {
        ArgumentNullException.ThrowIfNull(inputParts);
        ArgumentNullException.ThrowIfNull(content);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, Version);
        Append(hash, opDigest.ToString());
        Append(hash, platform);
        foreach (Digest part in inputParts) Append(hash, "input " + part);
        foreach (ContentChecksum c in content) Append(hash, $"content {c.Subject} {c.Checksum}");
        return new CacheKey(Digest.FromSha256Hash(hash.GetHashAndReset()));
    }

    /// <summary>An input's part when the step depends on its key: H(CacheKey_i, Selector_i).</summary>
    public static Digest InputPart(CacheKey inputKey, Digest? selector)
    {
        if (selector is null) return inputKey.Digest;
        return Digest.Sha256(Encoding.UTF8.GetBytes($"{inputKey}\n{selector}"));
    }

    /// <summary>The part of an input that is absent (the empty root).</summary>
    public static Digest EmptyInput { get; } = Digest.Sha256(Encoding.UTF8.GetBytes("drydock/empty"));

    private static void Append(IncrementalHash hash, string s)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(s));
        hash.AppendData("\n"u8);
    }
}

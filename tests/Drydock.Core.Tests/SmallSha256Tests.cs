using System.Security.Cryptography;
using System.Text;
using Drydock.Core;

namespace Drydock.Core.Tests;

public class SmallSha256Tests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Matches_the_FIPS_180_examples(string input, string expected)
        => Assert.Equal(expected, Digest.Sha256(Encoding.ASCII.GetBytes(input)).Encoded);

    [Fact]
    public void Matches_the_platform_at_every_length_around_the_block_and_padding_edges()
    {
        var random = new Random(180_4);
        byte[] ours = new byte[32];
        for (int length = 0; length <= SmallSha256.MaxLength; length += length < 200 ? 1 : 61)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            SmallSha256.Hash(data, ours);
            Assert.True(ours.AsSpan().SequenceEqual(SHA256.HashData(data)), $"length {length}");
        }
    }

    [Fact]
    public void Longer_inputs_go_to_the_platform_and_agree()
    {
        byte[] data = new byte[SmallSha256.MaxLength + 1];
        new Random(7).NextBytes(data);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), Digest.Sha256(data).Encoded);
        Assert.Throws<ArgumentOutOfRangeException>(() => SmallSha256.Hash(data, new byte[32]));
    }
}

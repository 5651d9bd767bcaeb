using Drydock.Parser.Shell;

namespace Drydock.Parser.Tests.Shell;

/// <summary>Every case of BuildKit's envVarTest and wordsTest, on both platforms' lookup rules where they apply.</summary>
public sealed class BuildKitShellFileTests
{
    public static TheoryData<int, string, string, string> EnvVarCases()
    {
        var data = new TheoryData<int, string, string, string>();
        foreach (var (line, tag, input, expected) in ShellTestData.EnvVarCases()) data.Add(line, tag, input, expected);
        return data;
    }

    public static TheoryData<int, string, string, string> WordsCases()
    {
        var data = new TheoryData<int, string, string, string>();
        foreach (var (line, env, input, expected) in ShellTestData.WordsCases())
        {
            data.Add(line, string.Join('\n', env.Select(p => $"{p.Key}={p.Value}")), input, string.Join('\u0001', expected));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EnvVarCases))]
    public void EnvVarTest_line(int line, string tag, string input, string expected)
    {
        Assert.Contains(tag, new[] { "A", "U", "W" });
        if (tag is "A" or "U") AssertWord(line, input, expected, caseInsensitive: false);
        if (tag is "A" or "W") AssertWord(line, input, expected, caseInsensitive: true);
    }

    [Theory]
    [MemberData(nameof(WordsCases))]
    public void WordsTest_line(int line, string env, string input, string expected)
    {
        var environment = ShellEnvironment.FromPairs(env.Length == 0 ? [] : env.Split('\n'));
        string[] words;
        try
        {
            words = [.. new ShellLex().ProcessWords(input, environment)];
        }
        catch (ShellExpansionException)
        {
            words = ["error"];
        }
        Assert.True(expected.Split('\u0001').SequenceEqual(words),
            $"wordsTest:{line}: {input} gave [{string.Join(",", words)}], expected [{expected.Replace('\u0001', ',')}]");
    }

    private static void AssertWord(int line, string input, string expected, bool caseInsensitive)
    {
        var env = ShellEnvironment.From(ShellTestData.EnvVarTestEnvironment, caseInsensitive);
        var lex = new ShellLex();
        if (expected == "error")
        {
            Assert.Throws<ShellExpansionException>(() => lex.ProcessWord(input, env));
            return;
        }
        string actual = lex.ProcessWord(input, env);
        Assert.True(expected == actual, $"envVarTest:{line}: {input} gave '{actual}', expected '{expected}'");
    }
}

using System.Runtime.CompilerServices;

namespace Drydock.Parser.Tests.Shell;

/// <summary>Reads ../shared/testdata/buildkit-shell (format: testdata/README.md section 2).</summary>
internal static class ShellTestData
{
    public static readonly KeyValuePair<string, string>[] EnvVarTestEnvironment =
        [new("PWD", "/home"), new("SHELL", "bash"), new("KOREAN", "한국어"), new("NULL", "")];

    /// <summary>Walks up to the folder holding Builder.sln, from the test binaries and, when they are built
    /// elsewhere (--artifacts-path), from this source file.</summary>
    public static string PathOf(string fileName, [CallerFilePath] string sourceFile = "")
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Builder.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testdata", "buildkit-shell", fileName));
                }
            }
        }
        throw new InvalidOperationException($"no Builder.sln above '{AppContext.BaseDirectory}' or '{sourceFile}'");
    }

    /// <summary>envVarTest: (line number, tag, input, expected) per case.</summary>
    public static IEnumerable<(int Line, string Tag, string Input, string Expected)> EnvVarCases()
    {
        string[] lines = File.ReadAllLines(PathOf("envVarTest"));
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith('#') || line.Trim().Length == 0) continue;
            string[] columns = line.Split('|');
            if (columns.Length != 3) throw new InvalidDataException($"envVarTest:{i + 1}: expected three columns");
            yield return (i + 1, columns[0].Trim(), columns[1].Trim(), columns[2].Trim());
        }
    }

    /// <summary>wordsTest: (line number, environment so far, input, expected words) per case.</summary>
    public static IEnumerable<(int Line, KeyValuePair<string, string>[] Env, string Input, string[] Expected)> WordsCases()
    {
        string[] lines = File.ReadAllLines(PathOf("wordsTest"));
        var env = new List<KeyValuePair<string, string>>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith('#')) continue;
            if (line.StartsWith("ENV ", StringComparison.Ordinal))
            {
                string pair = line[3..].TrimStart(' ');
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                env.Add(eq < 0 ? new(pair, "") : new(pair[..eq], pair[(eq + 1)..]));
                continue;
            }
            string[] parts = line.Split('|');
            if (parts.Length != 2) throw new InvalidDataException($"wordsTest:{i + 1}: expected exactly one '|'");
            yield return (i + 1, [.. env], parts[0].Trim(), parts[1].TrimStart(' ').Split(','));
        }
    }
}

using System.Runtime.CompilerServices;

namespace Drydock.Parser.Tests.Ast;

/// <summary>Locates ../shared/testdata/buildkit-parser (format: testdata/README.md section 1).</summary>
internal static class ParserTestData
{
    /// <summary>Walks up to the folder holding Builder.sln, from the test binaries and from this source file.</summary>
    public static string PathOf(string relative, [CallerFilePath] string sourceFile = "")
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Builder.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "testdata", "buildkit-parser", relative));
                }
            }
        }
        throw new InvalidOperationException($"no Builder.sln above '{AppContext.BaseDirectory}' or '{sourceFile}'");
    }

    public static TheoryData<string> Cases(string folder)
    {
        var data = new TheoryData<string>();
        foreach (string dir in Directory.GetDirectories(PathOf(folder)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }
        return data;
    }
}

using System.Runtime.CompilerServices;
using Drydock.Parser.Ast;

namespace Drydock.Parser.Tests.Ast;

/// <summary>
/// Our own AST cases (tests/Drydock.Parser.Tests/testdata/ast/&lt;case&gt;/Dockerfile and result, the BuildKit layout).
/// Refresh the results with DRYDOCK_UPDATE_GOLDEN=1 and review the diff; never edit them by hand.
/// </summary>
public sealed class GoldenAstTests
{
    private static string Folder([CallerFilePath] string sourceFile = "") =>
        Path.Combine(Path.GetDirectoryName(sourceFile)!, "..", "testdata", "ast");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (string dir in Directory.GetDirectories(Folder()).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DumpMatchesGolden(string name)
    {
        string dir = Path.Combine(Folder(), name);
        string actual = AstDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "Dockerfile"))).Dump();
        string resultPath = Path.Combine(dir, "result");
        if (Environment.GetEnvironmentVariable("DRYDOCK_UPDATE_GOLDEN") == "1") File.WriteAllText(resultPath, actual);

        Assert.Equal(File.ReadAllText(resultPath), actual);
    }
}

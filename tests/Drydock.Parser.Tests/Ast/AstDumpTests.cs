using System.Text;
using Drydock.Parser.Ast;

namespace Drydock.Parser.Tests.Ast;

/// <summary>The corners of the AST dump (testdata README section 1), one case each.</summary>
public sealed class AstDumpTests
{
    private static string Dump(string text) => AstDocument.Parse(text).Dump();

    [Theory]
    // 1.1 keyword casing, flags, ONBUILD nesting
    [InlineData("RuN a", "(run \"a\")")]
    [InlineData("ÄRG a", "(ärg \"\")")]
    [InlineData("ſhell [\"a\"]", "(ſhell \"\")")]
    [InlineData("ONBUILD --x=1 RUN a", "(onbuild [\"--x=1\"] (run \"a\"))")]
    [InlineData("ONBUILD", "(onbuild)")]
    [InlineData("onbuild copy --from=a b c", "(onbuild (copy [\"--from=a\"] \"b\" \"c\"))")]
    // 1.2 argument nodes
    [InlineData("FROM --platform=$P golang:1.22 AS b", "(from [\"--platform=$P\"] \"golang:1.22\" \"AS\" \"b\")")]
    [InlineData("COPY  [ \"a\" ] x", "(copy \"[\" \"\\\"a\\\"\" \"]\" \"x\")")]
    [InlineData("CMD [\"a\",\"b\"]", "(cmd \"a\" \"b\")")]
    [InlineData("CMD []", "(cmd)")]
    [InlineData("RUN echo \"1234\"", "(run \"echo \\\"1234\\\"\")")]
    [InlineData("HEALTHCHECK", "(healthcheck)")]
    [InlineData("HEALTHCHECK CMD", "(healthcheck \"CMD\")")]
    [InlineData("HEALTHCHECK --interval=5s CMD [\"a\", \"b\"]", "(healthcheck [\"--interval=5s\"] \"CMD\" \"a\" \"b\")")]
    [InlineData("HEALTHCHECK NONE", "(healthcheck \"NONE\")")]
    [InlineData("ENV a=1 b=\"x y\"", "(env \"a\" \"1\" \"=\" \"b\" \"\\\"x y\\\"\" \"=\")")]
    [InlineData("ENV key  value with  spaces", "(env \"key\" \"value with  spaces\" \"\")")]
    [InlineData("ARG abc=\"123 456\" def", "(arg \"abc=\\\"123 456\\\"\" \"def\")")]
    [InlineData("WORKDIR  /a b ", "(workdir \"/a b\")")]
    [InlineData("FOO bar baz", "(foo \"\")")]
    [InlineData("FOO", "(foo \"\")")]
    [InlineData("FROM", "(from)")]
    [InlineData("ENV", "(env)")]
    [InlineData("MAINTAINER", "(maintainer)")]
    [InlineData("RUN [\"echo hi\"]", "(run \"echo hi\")")]
    [InlineData("EXPOSE 80/tcp\t443", "(expose \"80/tcp\" \"443\")")]
    [InlineData("LABEL \"a b\"=c d=e\\ f", "(label \"\\\"a b\\\"\" \"c\" \"=\" \"d\" \"e\\\\ f\" \"=\")")]
    [InlineData("ARG a='x\\ y' b=\"p\\\"q\"", "(arg \"a='x\\\\ y'\" \"b=\\\"p\\\\\\\"q\\\"\")")]
    [InlineData("ENV a=b\\", "(env \"a\" \"b\" \"=\")")]
    // 1.3 flags
    [InlineData("COPY --chown=\"user name\" a b", "(copy [\"--chown=user name\"] \"a\" \"b\")")]
    [InlineData("COPY --from=a\\ b c d", "(copy [\"--from=a b\"] \"c\" \"d\")")]
    [InlineData("COPY -- --x y", "(copy \"--x\" \"y\")")]
    [InlineData("COPY \"--x\" y", "(copy \"\\\"--x\\\"\" \"y\")")]
    [InlineData("LABEL --label=é a=b", "(label [\"--label=Ã©\"] \"a\" \"b\" \"=\")")]
    [InlineData("COPY --x='' a b", "(copy [\"--x=\"] \"a\" \"b\")")]
    [InlineData("COPY --a --", "(copy [\"--a\"])")]
    [InlineData("RUN --mount=type=cache,target=/x echo", "(run [\"--mount=type=cache,target=/x\"] \"echo\")")]
    // 1.4 quoting
    [InlineData("RUN é\u0001\ttab", "(run \"é\\x01\\ttab\")")]
    [InlineData("RUN a\u00a0b", "(run \"a\\u00a0b\")")]
    [InlineData("RUN ♥ 😀 \u007f \u200b", "(run \"♥ 😀 \\x7f \\u200b\")")]
    // 1.5 JSON
    [InlineData("CMD [\"a\"] x", "(cmd \"[\\\"a\\\"] x\")")]
    [InlineData("CMD [ \"a\", \"b\"", "(cmd \"[ \\\"a\\\", \\\"b\\\"\")")]
    [InlineData("CMD [\"\\/\", \"\\u0000\"]", "(cmd \"/\" \"\\x00\")")]
    [InlineData("CMD [\"\\ud800\"]", "(cmd \"�\")")]
    [InlineData("CMD ['a']", "(cmd \"['a']\")")]
    [InlineData("CMD [\"a\",]", "(cmd \"[\\\"a\\\",]\")")]
    [InlineData("CMD [1e999]", "(cmd \"[1e999]\")")]
    [InlineData("COPY [\"a b\", \"c\"]", "(copy \"a b\" \"c\")")]
    [InlineData("SHELL [\"a\"]   ", "(shell \"a\")")]
    // 1.7 lines
    [InlineData("RUN a \\\n  b", "(run \"a   b\")")]
    [InlineData("RUN a \\\n# c\n\n  b", "(run \"a   b\")")]
    [InlineData("RUN a \\\\\nRUN b", "(run \"a \\\\\\\\\")\n(run \"b\")")]
    [InlineData("RUN a \\\\\\\nRUN b", "(run \"a \\\\\\\\\\\\\")\n(run \"b\")")]
    [InlineData("RUN a \\  \t\n b", "(run \"a  b\")")]
    [InlineData("RUN a\r\nRUN b\r\n", "(run \"a\")\n(run \"b\")")]
    [InlineData("\ufeffFROM a", "(from \"a\")")]
    [InlineData("   # comment\n\tFROM a # not a comment", "(from \"a\" \"#\" \"not\" \"a\" \"comment\")")]
    [InlineData("RUN a \\", "(run \"a\")")]
    [InlineData("\\\nRUN a", "(run \"a\")")]
    [InlineData("# escape=`\nRUN a `\n b \\", "(run \"a  b \\\\\")")]
    [InlineData("#escape=`\n# ESCAPE=`\nRUN a", "")]
    [InlineData("# syntax=x\n\n# escape=`\nRUN a \\\n b", "(run \"a  b\")")]
    [InlineData("# foo=bar\n# escape=`\nRUN a \\\n b", "(run \"a  b\")")]
    [InlineData("# escape = ` \nRUN a `\n b", "(run \"a  b\")")]
    // 1.8 heredocs
    [InlineData("USER <<INVALID\nINVALID", "(user \"<<INVALID\")\n(invalid \"\")")]
    [InlineData("RUN <<EOF\nRUN x\nEOF\nRUN y", "(run \"<<EOF\")\n(run \"y\")")]
    [InlineData("RUN [\"<<EOF\"]\nEOF", "(run \"<<EOF\")\n(eof \"\")")]
    [InlineData("RUN cat<<EOF\nEOF", "(run \"cat<<EOF\")\n(eof \"\")")]
    [InlineData("RUN <<-EOF\n\t\tx\n\tEOF\nRUN y", "(run \"<<-EOF\")\n(run \"y\")")]
    [InlineData("RUN <<  EOF\nx\nEOF", "(run \"<<  EOF\")")]
    [InlineData("RUN << -EOF\nx\n-EOF", "(run \"<< -EOF\")")]
    [InlineData("RUN <<- EOF\nEOF", "(run \"<<- EOF\")\n(eof \"\")")]
    [InlineData("RUN <<'one two'\nx\none two", "(run \"<<'one two'\")")]
    [InlineData("RUN <<eo'f'\neof", "(run \"<<eo'f'\")")]
    [InlineData("COPY <<A <<B /d\na\nA\nb\nB\nRUN z", "(copy \"<<A\" \"<<B\" \"/d\")\n(run \"z\")")]
    [InlineData("ONBUILD ADD <<X /d\nX", "(onbuild (add \"<<X\" \"/d\"))")]
    [InlineData("RUN 3<<EOF\nEOF", "(run \"3<<EOF\")")]
    [InlineData("RUN \"<<EOF\"\nEOF", "(run \"\\\"<<EOF\\\"\")\n(eof \"\")")]
    public void DumpsLikeBuildKit(string text, string expected)
    {
        if (expected.Length == 0)
        {
            Assert.Throws<DockerfileException>(() => Dump(text));
            return;
        }
        Assert.Equal(expected + "\n", Dump(text));
    }

    [Fact]
    public void InvalidUtf8PrintsAsHexBytes()
    {
        byte[] bytes = [.. "RUN a"u8, 0xff, .. "b "u8, 0xc3, 0xa9, (byte)'\n'];

        Assert.Equal("(run \"a\\xffb é\")\n", AstDocument.Parse(bytes).Dump());
    }

    [Fact]
    public void InvalidUtf8InEnvWordsBecomesReplacementCharacterButLegacyValueKeepsBytes()
    {
        byte[] bytes = [.. "ENV a=x"u8, 0xff, .. "\nENV b x"u8, 0xfe, (byte)'\n'];

        Assert.Equal("(env \"a\" \"x\uFFFD\" \"=\")\n(env \"b\" \"x\\xfe\" \"\")\n", AstDocument.Parse(bytes).Dump());
    }

    [Fact]
    public void NonAsciiFlagBytesAreLatin1AndA0IsASpace()
    {
        // "à" is C3 A0: BuildKit's byte-wise flag scan treats 0xA0 as a space.
        byte[] bytes = Encoding.UTF8.GetBytes("COPY --x=à y z\n");

        Assert.Equal("(copy [\"--x=Ã\"] \"y\" \"z\")\n", AstDocument.Parse(bytes).Dump());
    }

    [Theory]
    [InlineData("CMD [1]")]
    [InlineData("RUN [\"a\", null]")]
    [InlineData("COPY [\"a\", {\"b\": 1}]")]
    [InlineData("ENTRYPOINT [[\"a\"]]")]
    [InlineData("ENV PATH")]
    [InlineData("LABEL a=b c")]
    [InlineData("# escape=x\nFROM a")]
    [InlineData("# syntax=a\n# syntax=b\nFROM a")]
    [InlineData("\n\n# only comments\n")]
    [InlineData("")]
    [InlineData("RUN <<EOF\nx\nEOF ")]
    [InlineData("RUN <<EOF\n\tEOF")]
    public void Rejected(string text)
    {
        var e = Assert.Throws<DockerfileException>(() => Dump(text));

        Assert.Matches(@"^Dockerfile:\d+(:\d+)?: ", e.Message);
    }

    [Fact]
    public void LinesUpTo65535BytesAreAcceptedAndLongerOnesRejected()
    {
        string longest = "RUN " + new string('a', 65531);
        Assert.Equal($"(run \"{longest[4..]}\")\n", Dump(longest + "\n"));

        var e = Assert.Throws<DockerfileException>(() => Dump("FROM a\n" + longest + "a\n"));
        Assert.Equal("Dockerfile:2: dockerfile line greater than max allowed size of 65535", e.Message);
    }

    [Fact]
    public void DirectivesAreReadOnlyAtTheTop()
    {
        AstDocument doc = AstDocument.Parse("# Syntax = docker/dockerfile:1 \n# check=skip=all\nFROM a\n# escape=`\n");

        Assert.Equal([new ParserDirective("syntax", "docker/dockerfile:1", 1), new ParserDirective("check", "skip=all", 2)], doc.Directives);
        Assert.Equal('\\', doc.EscapeToken);
    }

    [Fact]
    public void LineRangesIncludeContinuationsAndHeredocs()
    {
        AstDocument doc = AstDocument.Parse("\n# c\nFROM a\nRUN x \\\n\n# c\n y\nRUN <<EOF\nbody\nEOF\n\nCMD z\n");

        Assert.Equal([(3, 3), (4, 7), (8, 10), (12, 12)], doc.Nodes.Select(n => (n.StartLine, n.EndLine)));
        Assert.Equal([5], doc.EmptyContinuationLines);
    }
}

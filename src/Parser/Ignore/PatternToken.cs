namespace Drydock.Parser.Ignore;

internal enum TokenType { Literal, AnyChar, Star, AnyDirs, DotStar, Class, TextStart }

/// <summary>One element of a compiled ignore pattern.</summary>
internal readonly record struct PatternToken(TokenType Type, char Char = '\0', PatternClass? Class = null)
{
    public static PatternToken Literal(char c) => new(TokenType.Literal, c);
}

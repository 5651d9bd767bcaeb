namespace Drydock.Parser.Shell;

/// <summary>
/// A word could not be expanded. <see cref="Exception.Message"/> is BuildKit's reason
/// (e.g. <c>FOO: is not allowed to be unset</c>, <c>syntax error: missing '}'</c>); BuildKit reports it as
/// <c>failed to process "WORD": REASON</c>, which <see cref="Describe"/> reproduces.
/// </summary>
public sealed class ShellExpansionException : Exception
{
    public ShellExpansionException()
    {
        Word = "";
    }

    public ShellExpansionException(string message)
        : base(message)
    {
        Word = "";
    }

    public ShellExpansionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Word = "";
    }

    public ShellExpansionException(string message, string word)
        : base(message)
    {
        Word = word;
    }

    /// <summary>The word whose expansion failed, as written.</summary>
    public string Word { get; }

    /// <summary>BuildKit's full wording: <c>failed to process "WORD": REASON</c>.</summary>
    public string Describe() => $"failed to process {GoQuote.Quote(Word)}: {Message}";
}

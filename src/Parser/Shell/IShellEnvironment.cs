using System.Diagnostics.CodeAnalysis;

namespace Drydock.Parser.Shell;

/// <summary>
/// The variables a <see cref="ShellLex"/> expansion can see. Lookup rules (case sensitivity) belong to the
/// environment: BuildKit compares names exactly on Unix and case-insensitively on Windows.
/// </summary>
public interface IShellEnvironment
{
    /// <summary>Looks <paramref name="name"/> up; a variable set to the empty string is found.</summary>
    bool TryGet(string name, [MaybeNullWhen(false)] out string value);

    /// <summary>The names of every variable that is set.</summary>
    IEnumerable<string> Names { get; }
}

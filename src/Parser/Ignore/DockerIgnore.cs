using System.Text;
using Drydock.Core;

namespace Drydock.Parser.Ignore;

/// <summary>
/// A .dockerignore file read as docker reads it: one pattern per line; a line starting with '#' (first column)
/// is a comment; surrounding whitespace is trimmed and blank lines skipped; '!' marks an exception (spaces after
/// it are trimmed too); each pattern is cleaned (<c>./a/</c> → <c>a</c>) and a leading '/' dropped. The last
/// matching pattern decides, and a path is excluded when it or one of its parent directories is.
/// </summary>
/// <example>
/// <code>
/// var ignore = DockerIgnore.Parse("node_modules\n*.log\n!keep.log\n", ".dockerignore");
/// ignore.IsExcluded("node_modules/x/index.js");  // true
/// ignore.IsExcluded("keep.log");                 // false
/// </code>
/// </example>
public sealed class DockerIgnore
{
    private const string FileName = ".dockerignore";
    private readonly PatternMatcher _matcher;

    private DockerIgnore(IReadOnlyList<string> patterns, PatternMatcher matcher)
    {
        Patterns = patterns;
        _matcher = matcher;
    }

    /// <summary>The patterns as docker hands them to the matcher: cleaned, relative, exceptions prefixed with '!'.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>Parses the text of an ignore file; <paramref name="fileName"/> names it in errors.</summary>
    /// <exception cref="DrydockException">A pattern is malformed; the message names the file and line.</exception>
    public static DockerIgnore Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        var patterns = new List<string>();
        var lines = new List<int>();
        int lineNumber = 0;
        foreach (string rawLine in SplitLines(text))
        {
            string line = lineNumber == 0 && rawLine.StartsWith('\uFEFF') ? rawLine[1..] : rawLine;
            lineNumber++;
            if (line.StartsWith('#')) continue;
            string pattern = line.Trim();
            if (pattern.Length == 0) continue;
            bool invert = pattern[0] == '!';
            if (invert) pattern = pattern[1..].Trim();
            if (pattern.Length > 0)
            {
                pattern = GoPath.Clean(pattern);
                if (pattern.Length > 1 && pattern[0] == '/') pattern = pattern[1..];
            }
            patterns.Add(invert ? "!" + pattern : pattern);
            lines.Add(lineNumber);
        }
        return new DockerIgnore(patterns, Compile(patterns, lines, fileName));
    }

    /// <summary>
    /// Reads the ignore file that applies to a build: <c>&lt;Dockerfile name&gt;.dockerignore</c> next to the
    /// Dockerfile if it exists, otherwise <c>.dockerignore</c> at the root of the context; null when neither exists.
    /// A relative <paramref name="dockerfilePath"/> is taken from the current directory.
    /// </summary>
    public static DockerIgnore? Load(string contextDir, string dockerfilePath)
    {
        string? path = Locate(contextDir, dockerfilePath);
        return path is null ? null : Parse(ReadFile(path), path);
    }

    /// <summary>Asynchronous <see cref="Load"/>.</summary>
    public static async Task<DockerIgnore?> LoadAsync(string contextDir, string dockerfilePath, CancellationToken cancellationToken = default)
    {
        string? path = Locate(contextDir, dockerfilePath);
        if (path is null) return null;
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new DrydockException(ErrorKind.FailedPrecondition, $"failed to read '{path}'", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DrydockException(ErrorKind.PermissionDenied, $"failed to read '{path}'", e);
        }
        return Parse(text, path);
    }

    /// <summary>Whether <paramref name="relativePath"/> (slash-separated, relative to the context) is left out of
    /// the build context. The context root itself (".") is never excluded.</summary>
    public bool IsExcluded(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        if (relativePath.Length == 0 || relativePath == ".") return false;
        return _matcher.Matches(relativePath);
    }

    /// <summary>
    /// For an excluded directory: true when a '!' exception could re-include something inside it, so a walker
    /// must still descend (and ask <see cref="IsExcluded"/> for each entry); false when the whole directory can be skipped.
    /// </summary>
    public bool MayIncludeUnder(string dirRelativePath) => _matcher.MayMatchExceptionUnder(dirRelativePath);

    /// <summary>The matcher behind this file, e.g. to combine with other patterns.</summary>
    public PatternMatcher Matcher => _matcher;

    private static PatternMatcher Compile(List<string> patterns, List<int> lines, string fileName)
    {
        // Compile one by one so that an error names its line.
        for (int i = 0; i < patterns.Count; i++)
        {
            try
            {
                _ = new PatternMatcher([patterns[i]]);
            }
            catch (ArgumentException e)
            {
                throw new DrydockException(ErrorKind.InvalidArgument,
                    $"{fileName}:{lines[i]}: {StripParamName(e.Message)}; fix or remove the pattern");
            }
        }
        return new PatternMatcher(patterns);
    }

    private static string StripParamName(string message)
    {
        int at = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }

    // Lines end at '\n'; a '\r' before it is dropped (bufio.ScanLines).
    private static IEnumerable<string> SplitLines(string text)
    {
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            int next = end < 0 ? text.Length : end + 1;
            if (end < 0) end = text.Length;
            int stop = end > start && text[end - 1] == '\r' ? end - 1 : end;
            yield return text[start..stop];
            start = next;
        }
    }

    private static string? Locate(string contextDir, string dockerfilePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(contextDir);
        ArgumentException.ThrowIfNullOrEmpty(dockerfilePath);
        string specific = Path.GetFullPath(dockerfilePath) + FileName;
        if (File.Exists(specific)) return specific;
        string general = Path.Combine(Path.GetFullPath(contextDir), FileName);
        return File.Exists(general) ? general : null;
    }

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (IOException e)
        {
            throw new DrydockException(ErrorKind.FailedPrecondition, $"failed to read '{path}'", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DrydockException(ErrorKind.PermissionDenied, $"failed to read '{path}'", e);
        }
    }
}

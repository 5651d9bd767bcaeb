using Drydock.Core;
using Drydock.Parser.Ignore;

namespace Drydock.Solver.Context;

/// <summary>
/// Expands COPY/ADD sources against a source tree as BuildKit does: each source is cleaned (a leading "/" and
/// "../" cannot leave the tree), matched component by component with Go's filepath.Match when it has glob
/// characters, and must match something. Entries excluded by .dockerignore (main context only) or --exclude
/// are left out, and directories are walked only where an exclusion could be lifted.
/// </summary>
public sealed class SourceSelector(string rootDir, LocalContext? context, PatternMatcher? exclude)
{
    // the sources Expand has matched so far: --exclude patterns are relative to them
    private readonly HashSet<string> _roots = new(StringComparer.Ordinal);

    /// <summary>The entries a source names: relative paths under the root, in sorted order.</summary>
    public IReadOnlyList<string> Expand(string source)
    {
        string clean = Clean(source);
        if (clean.Length == 0)
        {
            _roots.Add("");
            return [""];
        }
        if (!HasMeta(clean))
        {
            string host = Path.Combine(rootDir, clean);
            if (!Path.Exists(host) && new FileInfo(host).LinkTarget is null || IsLeftOut(clean)) throw NotFound(source);
            _roots.Add(clean);
            return [clean];
        }
        var matches = new List<string> { "" };
        foreach (string part in clean.Split('/'))
        {
            var next = new List<string>();
            foreach (string dir in matches)
            {
                string hostDir = dir.Length == 0 ? rootDir : Path.Combine(rootDir, dir);
                if (!Directory.Exists(hostDir)) continue;
                if (!HasMeta(part))
                {
                    string candidate = dir.Length == 0 ? part : dir + "/" + part;
                    if (Path.Exists(Path.Combine(rootDir, candidate))) next.Add(candidate);
                    continue;
                }
                foreach (string entry in Directory.EnumerateFileSystemEntries(hostDir))
                {
                    string name = Path.GetFileName(entry);
                    if (FilePathMatch.Match(part, name)) next.Add(dir.Length == 0 ? name : dir + "/" + name);
                }
            }
            matches = next;
        }
        matches.RemoveAll(IsLeftOut);
        if (matches.Count == 0) throw NotFound(source);
        matches.Sort(StringComparer.Ordinal);
        _roots.UnionWith(matches);
        return matches;
    }

    /// <summary>Whether an entry below a selected directory is copied (and hashed).</summary>
    public bool Includes(string rel, bool isDirectory)
    {
        if (!IsLeftOut(rel)) return true;
        return isDirectory && MayDescend(rel);
    }

    public bool IsLeftOut(string rel)
        => rel.Length > 0 && ((context?.IsExcluded?.Invoke(rel) ?? false) || IsExcludedByFlag(rel));

    /// <summary>An ignored directory is walked only when an exception pattern may re-include something in it.</summary>
    private bool MayDescend(string rel) => (!IsExcludedByFlag(rel) || exclude!.MayMatchExceptionUnder(RelativeToSource(rel)))
        && (context?.IsExcluded?.Invoke(rel) != true || (context.MayIncludeUnder?.Invoke(rel) ?? false));

    // --exclude patterns apply below a directory source relative to that directory, as BuildKit's copy walks
    // it (COPY --exclude=*.log logs /logs/ leaves out logs/a.log); a matched source itself by its own path
    private bool IsExcludedByFlag(string rel)
        => exclude is not null && (exclude.Matches(RelativeToSource(rel)) || _roots.Contains(rel) && exclude.Matches(rel[(rel.LastIndexOf('/') + 1)..]));

    // the nearest matched source above rel, found by walking up its parents (a glob may match thousands)
    private string RelativeToSource(string rel)
    {
        for (int slash = rel.LastIndexOf('/'); slash > 0; slash = rel.LastIndexOf('/', slash - 1))
            if (_roots.Contains(rel[..slash])) return rel[(slash + 1)..];
        return rel;
    }

    public static string Clean(string source)
    {
        var parts = new List<string>();
        foreach (string p in source.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (p == ".") continue;
            if (p == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(p);
        }
        return string.Join('/', parts);
    }

    private static bool HasMeta(string s) => s.AsSpan().IndexOfAny("*?[\\") >= 0;

    private static DrydockException NotFound(string source)
        => new(ErrorKind.NotFound, $"failed to compute cache key: \"/{Clean(source)}\" not found: not found");
}

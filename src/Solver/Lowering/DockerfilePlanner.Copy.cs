using Drydock.Core;
using Drydock.Parser;
using Drydock.Parser.Instructions;
using Drydock.Solver.Build;
using Drydock.Solver.Executors;
using Drydock.Solver.Graph;
using Drydock.Solver.Ops;

namespace Drydock.Solver.Lowering;

public sealed partial class DockerfilePlanner
{
    private async Task LowerCopyAsync(StageState state, FileInstruction copy, CancellationToken ct)
    {
        bool isAdd = copy is AddInstruction;
        string keyword = isAdd ? "ADD" : "COPY";
        var sources = copy.Sources.Select(s => Expand(state, copy, s)).ToList();
        var inline = copy.SourceContents.Select(c => new InlineFile(c.Path, c.Expand ? ExpandHeredoc(state, copy, c.Data) : c.Data)).ToList();
        sources.AddRange(inline.Select(f => f.Name));
        string dest = Expand(state, copy, copy.Destination);
        if (sources.Count > 1 && !dest.EndsWith('/'))
            throw Error(copy, $"When using {keyword} with more than one source file, the destination must be a directory and end with a /");
        // relative to WORKDIR, cleaned, and a directory when written with a trailing "/" or as "." (docker's rule)
        bool isDirectory = dest.EndsWith('/') || dest == "." || dest.EndsWith("/.", StringComparison.Ordinal);
        string absolute = "/" + Context.SourceSelector.Clean(AbsoluteIn(state, dest));
        if (isDirectory && !absolute.EndsWith('/')) absolute += "/";
        string? chown = copy.Chown is { } c ? Expand(state, copy, c) : null;
        string? chmod = copy.Chmod is { } m ? Expand(state, copy, m) : null;
        if (chmod is not null)
        {
            try
            {
                ChmodSpec.Parse(chmod);
            }
            catch (DrydockException e)
            {
                throw Error(copy, e.Message);
            }
        }
        var op = new CopyOp(sources, absolute)
        {
            Chown = chown,
            Chmod = chmod,
            Link = copy.Link,
            Parents = copy is CopyInstruction { Parents: true },
            Exclude = [.. copy.Excludes.Select(e => Expand(state, copy, e))],
            IsAdd = isAdd,
            Unpack = isAdd && (copy as AddInstruction)!.Unpack != false && inline.Count == 0,
            InlineFiles = inline,
        };
        if (inline.Count > 0)
        {
            if (inline.Count != sources.Count) throw Error(copy, $"{keyword} cannot mix heredoc sources with files from a context or stage");
            if (copy is CopyInstruction { From: not null }) throw Error(copy, "COPY --from cannot take heredoc sources");
        }
        var sourceInputs = new List<Vertex>();
        if (isAdd && sources.Any(IsUrl))
        {
            if (sources.Count != 1) throw Error(copy, "ADD of a URL takes exactly one source");
            if (IsGit(sources[0])) throw Error(copy, $"ADD of a git repository ('{sources[0]}') is not supported");
            op = op with { Url = sources[0], Sources = [], Checksum = (copy as AddInstruction)!.Checksum is { } sum ? Expand(state, copy, sum) : null, Unpack = false };
        }
        else if (copy is CopyInstruction { From: { } fromFlag })
        {
            var (fromVertex, context) = await ResolveFromAsync(state, copy, Expand(state, copy, fromFlag), ct).ConfigureAwait(false);
            if (fromVertex is not null) sourceInputs.Add(fromVertex);
            else op = op with { Context = context };
        }
        string name = DisplayName(copy);
        string? from = (copy as CopyInstruction)?.From;
        string createdBy = $"{keyword} {FlagsText(from, chown, chmod, copy.Link)}{string.Join(' ', sources)} {dest} # buildkit";
        if (copy.Link)
        {
            LowerLinkedCopy(state, copy, op, sourceInputs, name, createdBy);
            return;
        }
        var inputs = new List<Vertex>();
        if (state.Head is { } head) inputs.Add(head);
        op = op with { Root = state.Head is null ? null : 0, SourceInput = sourceInputs.Count > 0 ? inputs.Count : null };
        inputs.AddRange(sourceInputs);
        var vertex = new Vertex(op, [.. inputs], Info(state, copy, name));
        state.Steps.Add(new PlannedStep(createdBy, state.Head, vertex));
        state.Head = vertex;
    }

    /// <summary>COPY --link: the copy runs on an empty root (its own cacheable layer), then a merge stacks it on the stage.</summary>
    private static void LowerLinkedCopy(StageState state, FileInstruction copy, CopyOp op, List<Vertex> sourceInputs, string name, string createdBy)
    {
        op = op with { Root = null, SourceInput = sourceInputs.Count > 0 ? 0 : null };
        var layer = new Vertex(op, [.. sourceInputs], new VertexInfo(name, state.Prefix(), $"link#{state.Index}/{state.Step}") { Line = copy.Range.StartLine });
        var inputs = new List<Vertex>();
        if (state.Head is { } head) inputs.Add(head);
        inputs.Add(layer);
        var merge = new Vertex(new MergeOp(inputs.Count - 1) { Root = state.Head is null ? null : 0 }, [.. inputs],
            new VertexInfo("merge " + name, state.Prefix(), $"merge#{state.Index}/{state.Step}") { Line = copy.Range.StartLine });
        state.Steps.Add(new PlannedStep(createdBy, null, layer));
        state.Head = merge;
    }

    private void LowerWorkdir(StageState state, WorkdirInstruction workdir)
    {
        string path = Expand(state, workdir, workdir.Path);
        path = AbsoluteIn(state, path);
        path = "/" + Context.SourceSelector.Clean(path);
        state.Config = state.Config with { WorkingDir = path };
        var op = new MkdirOp(path, state.Config.User ?? "") { Root = state.Head is null ? null : 0 };
        var vertex = new Vertex(op, state.Head is { } head ? [head] : [], Info(state, workdir, DisplayName(workdir)));
        state.Steps.Add(new PlannedStep($"WORKDIR {path}", state.Head, vertex));
        state.Head = vertex;
    }

    private static string FlagsText(string? from, string? chown, string? chmod, bool link)
    {
        var flags = new List<string>();
        if (from is not null) flags.Add($"--from={from}");
        if (chown is not null) flags.Add($"--chown={chown}");
        if (chmod is not null) flags.Add($"--chmod={chmod}");
        if (link) flags.Add("--link");
        return flags.Count == 0 ? "" : string.Join(' ', flags) + " ";
    }

    private static bool IsUrl(string s) => s.StartsWith("http://", StringComparison.Ordinal) || s.StartsWith("https://", StringComparison.Ordinal) || s.StartsWith("git@", StringComparison.Ordinal);

    private static bool IsGit(string s) => s.StartsWith("git@", StringComparison.Ordinal) || s.EndsWith(".git", StringComparison.Ordinal) || s.Contains(".git#", StringComparison.Ordinal);
}

using System.Text;
using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Core.Oci;
using Drydock.Parser;
using Drydock.Parser.Instructions;
using Drydock.Parser.Shell;
using Drydock.Solver.Build;
using Drydock.Solver.Graph;
using Drydock.Solver.Ops;

namespace Drydock.Solver.Lowering;

/// <summary>
/// Lowers a Dockerfile to a build graph: parses it, picks the target stage (--target, else the last), lowers
/// that stage and, on demand, only the stages it needs (FROM a stage, COPY --from, RUN --mount from=), resolving
/// base images in the local store. Metadata instructions change the stage's config and add history; RUN,
/// COPY, ADD and WORKDIR add vertices.
/// </summary>
public sealed partial class DockerfilePlanner(ImageService images)
{
    private Dockerfile _dockerfile = null!;
    private BuildRequest _request = null!;
    private ShellLex _lex = null!;
    private ShellLex _heredocLex = null!;
    private readonly Dictionary<int, Task<StageState>> _stages = [];
    private Dictionary<string, string> _globalArgs = [];

    public async Task<BuildPlan> PlanAsync(BuildRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _request = request;
        _dockerfile = DockerfileParser.Parse(request.DockerfileText, request.DockerfileName);
        _lex = new ShellLex(_dockerfile.EscapeToken);
        _heredocLex = new ShellLex(_dockerfile.EscapeToken) { SkipProcessQuotes = true };
        if (_dockerfile.Stages.Count == 0) throw new DrydockException(ErrorKind.InvalidArgument, $"{request.DockerfileName}: the Dockerfile has no FROM instruction");
        _globalArgs = GlobalArgs();
        int target = _dockerfile.Stages.Count - 1;
        if (request.Target is { } name)
        {
            target = FindStage(name) ?? throw new DrydockException(ErrorKind.InvalidArgument, $"failed to solve: target stage \"{name}\" could not be found");
        }
        StageState state = await LowerStageAsync(target, cancellationToken).ConfigureAwait(false);
        var stages = new List<PlannedStage>();
        foreach (var (index, task) in _stages.OrderBy(s => s.Key))
        {
            StageState s = await task.ConfigureAwait(false);
            stages.Add(ToPlanned(s));
        }
        var lint = Parser.Lint.Linter.Check(_dockerfile);
        Parser.Lint.Linter.ThrowIfFailing(_dockerfile, lint); // "# check=error=true" makes warnings fatal
        return new BuildPlan(ToPlanned(state), stages) { Warnings = [.. lint.Select(w => $"{w.RuleName}: {w.Message} ({w.Range})")] };
    }

    private static PlannedStage ToPlanned(StageState s) => new(s.Index, s.Name, s.Base, s.Head, [.. s.Steps], s.Config) { Author = s.Author };

    /// <summary>Global ARGs (before the first FROM) with build-arg overrides, plus the automatic platform ARGs.</summary>
    private Dictionary<string, string> GlobalArgs()
    {
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in PlatformArgs()) args[k] = v;
        foreach (ArgInstruction arg in _dockerfile.GlobalArgs)
        {
            foreach (var a in arg.Args)
            {
                string? value = _request.BuildArgs.TryGetValue(a.Key, out string? given) ? given
                    : a.Value is { } d ? _lex.ProcessWord(d, ShellEnvironment.From(args)) : null;
                if (value is not null) args[a.Key] = value;
            }
        }
        return args;
    }

    private IEnumerable<KeyValuePair<string, string>> PlatformArgs()
    {
        Platform target = _request.Platform, build = Platform.Host;
        yield return new("TARGETPLATFORM", target.ToString());
        yield return new("TARGETOS", target.OS);
        yield return new("TARGETARCH", target.Architecture);
        yield return new("TARGETVARIANT", target.Variant ?? "");
        yield return new("BUILDPLATFORM", build.ToString());
        yield return new("BUILDOS", build.OS);
        yield return new("BUILDARCH", build.Architecture);
        yield return new("BUILDVARIANT", build.Variant ?? "");
    }

    private int? FindStage(string nameOrIndex)
    {
        for (int i = 0; i < _dockerfile.Stages.Count; i++)
            if (string.Equals(_dockerfile.Stages[i].Name, nameOrIndex, StringComparison.OrdinalIgnoreCase)) return i;
        return int.TryParse(nameOrIndex, System.Globalization.CultureInfo.InvariantCulture, out int n) && n >= 0 && n < _dockerfile.Stages.Count ? n : null;
    }

    private Task<StageState> LowerStageAsync(int index, CancellationToken ct)
    {
        lock (_stages)
        {
            if (!_stages.TryGetValue(index, out Task<StageState>? task)) _stages[index] = task = LowerStageCoreAsync(index, ct);
            return task;
        }
    }

    private string Located(SourceRange range) => $"{_request.DockerfileName}:{range.StartLine}";

    private DrydockException Error(Instruction instruction, string message, Exception? inner = null)
        => new(ErrorKind.InvalidArgument, $"{Located(instruction.Range)}: {message}", inner);

    private VertexInfo Info(StageState state, Instruction instruction, string name) => new(name, state.Prefix(), $"{_request.Identity}#{state.Index}/{state.Step}")
    {
        File = _request.DockerfileName,
        Line = instruction.Range.StartLine,
        Stage = state.Name ?? state.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        BuildArgs = [.. state.Args.Select(a => a.Key)],
    };

    /// <summary>The instruction as progress shows it: its text on one line, continuations joined.</summary>
    private static string DisplayName(Instruction instruction)
    {
        string text = instruction.Original.Contains('\n', StringComparison.Ordinal) ? LineBreak().Replace(instruction.Original, " ").Trim() : instruction.Original.Trim();
        return text.Length > 200 ? text[..199] + "…" : text;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\\?\r?\n\s*")]
    private static partial System.Text.RegularExpressions.Regex LineBreak();

    private static string Quote(IEnumerable<string> words) => "[" + string.Join(" ", words.Select(w => "\"" + w.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")) + "]";

    private static Digest DigestOf(string s) => Digest.Sha256(Encoding.UTF8.GetBytes(s));
}

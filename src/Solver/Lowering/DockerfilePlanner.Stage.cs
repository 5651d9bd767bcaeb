using Drydock.Core;
using Drydock.Core.Images;
using Drydock.Core.Oci;
using Drydock.Parser;
using Drydock.Parser.Instructions;
using Drydock.Parser.Shell;
using Drydock.Solver.Graph;
using Drydock.Solver.Ops;

namespace Drydock.Solver.Lowering;

public sealed partial class DockerfilePlanner
{
    private async Task<StageState> LowerStageCoreAsync(int index, CancellationToken ct)
    {
        Stage stage = _dockerfile.Stages[index];
        var state = new StageState
        {
            Index = index,
            Name = stage.Name,
            StageLabel = _dockerfile.Stages.Count > 1 ? (stage.Name ?? $"stage-{index}") : "",
        };
        string baseName = ExpandGlobal(stage.From, stage.BaseName);
        CheckPlatform(stage);
        IReadOnlyList<string> triggers = [];
        if (baseName == "scratch")
        {
            // nothing below: the stage starts from an empty root
        }
        else if (FindStage(baseName) is { } parentIndex && parentIndex < index && !_request.ImageContexts.ContainsKey(baseName))
        {
            StageState parent = await LowerStageAsync(parentIndex, ct).ConfigureAwait(false);
            state.Base = parent.Base;
            state.Head = parent.Head;
            state.Config = parent.Config;
            state.Author = parent.Author;
            state.Steps.AddRange(parent.Steps);
        }
        else
        {
            ResolvedImage image = await ResolveImageAsync(stage.From, baseName, ct).ConfigureAwait(false);
            state.Base = image;
            state.Config = image.Config.Config ?? new ContainerConfig();
            state.Author = image.Config.Author;
            triggers = state.Config.OnBuild ?? [];
            state.Config = state.Config with { OnBuild = null };
            state.TotalSteps = stage.Instructions.Count + triggers.Count + 1;
            state.Step = 1;
            state.Head = ImageVertex(state, stage.From, baseName, image);
        }
        state.TotalSteps = stage.Instructions.Count + triggers.Count + 1;
        state.Step = 1;
        foreach (string trigger in triggers) await LowerTriggerAsync(state, stage.From, trigger, ct).ConfigureAwait(false);
        foreach (Instruction instruction in stage.Instructions)
        {
            state.Step++;
            await LowerInstructionAsync(state, instruction, ct).ConfigureAwait(false);
        }
        return state;
    }

    private Vertex ImageVertex(StageState state, Instruction from, string reference, ResolvedImage image)
    {
        // the reference as written (stable when the image gains or loses other tags); the manifest digest pins the content
        string lookup = _request.ImageContexts.TryGetValue(reference, out string? mapped) ? mapped : reference;
        string name = image.Names.FirstOrDefault() ?? lookup;
        var op = new ImageSourceOp(lookup, image.ManifestDescriptor.Digest.ToString(), _request.Platform.ToString());
        return new Vertex(op, [], Info(state, from, $"FROM {name}@{image.ManifestDescriptor.Digest}"));
    }

    private async Task<ResolvedImage> ResolveImageAsync(Instruction at, string reference, CancellationToken ct)
    {
        string lookup = _request.ImageContexts.TryGetValue(reference, out string? mapped) ? mapped : reference;
        ResolvedImage? image;
        try
        {
            image = await images.TryResolveAsync(lookup, ct).ConfigureAwait(false);
        }
        catch (DrydockException e)
        {
            throw Error(at, $"invalid image reference '{reference}'", e);
        }
        if (image is null)
            throw new DrydockException(ErrorKind.NotFound,
                $"{Located(at.Range)}: base image '{reference}' is not in the local store: load it first ('drydock load -i FILE', 'drydock pull oci-layout://DIR' or 'drydock import')");
        if (!_request.Platform.Matches(new Platform(image.Config.Architecture, image.Config.OS) { Variant = image.Config.Variant }))
            throw Error(at, $"base image '{reference}' is for {image.Config.OS}/{image.Config.Architecture}, not {_request.Platform}");
        return image;
    }

    private void CheckPlatform(Stage stage)
    {
        if (stage.Platform is not { } flag) return;
        Platform p = Platform.Parse(ExpandGlobal(stage.From, flag));
        if (!p.Matches(_request.Platform))
            throw new DrydockException(ErrorKind.Unsupported, $"{Located(stage.From.Range)}: FROM --platform={p} is not supported: only the target platform {_request.Platform} can be built");
    }

    /// <summary>ONBUILD triggers of the base image run first, as if written right after FROM.</summary>
    private async Task LowerTriggerAsync(StageState state, Instruction from, string trigger, CancellationToken ct)
    {
        Dockerfile parsed;
        try
        {
            parsed = DockerfileParser.Parse("FROM scratch\n" + trigger, _request.DockerfileName);
        }
        catch (DockerfileException e)
        {
            throw Error(from, $"invalid ONBUILD trigger '{trigger}' in the base image", e);
        }
        foreach (Instruction instruction in parsed.Stages[0].Instructions)
        {
            state.Step++;
            await LowerInstructionAsync(state, instruction with { Range = from.Range }, ct).ConfigureAwait(false);
        }
    }

    private Task LowerInstructionAsync(StageState state, Instruction instruction, CancellationToken ct) => instruction switch
    {
        RunInstruction run => LowerRunAsync(state, run, ct),
        FileInstruction copy => LowerCopyAsync(state, copy, ct),
        WorkdirInstruction workdir => Task.Run(() => LowerWorkdir(state, workdir), ct),
        _ => Task.Run(() => LowerMetadata(state, instruction), ct),
    };

    private string ExpandGlobal(Instruction at, string word)
    {
        try
        {
            return _lex.ProcessWord(word, ShellEnvironment.From(_globalArgs));
        }
        catch (ShellExpansionException e)
        {
            throw Error(at, e.Describe(), e);
        }
    }

    /// <summary>A heredoc's body: variables expanded, quotes and escapes kept as written (BuildKit's heredoc lexing).</summary>
    private string ExpandHeredoc(StageState state, Instruction at, string body)
    {
        try
        {
            return _heredocLex.ProcessWord(body, ShellEnvironment.From(state.ExpansionEnv()));
        }
        catch (ShellExpansionException e)
        {
            throw Error(at, e.Describe(), e);
        }
    }

    private string Expand(StageState state, Instruction at, string word)
    {
        try
        {
            return _lex.ProcessWord(word, ShellEnvironment.From(state.ExpansionEnv()));
        }
        catch (ShellExpansionException e)
        {
            throw Error(at, e.Describe(), e);
        }
    }
}

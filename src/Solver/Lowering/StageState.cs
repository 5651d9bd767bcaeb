using Drydock.Core.Images;
using Drydock.Core.Oci;
using Drydock.Solver.Build;
using Drydock.Solver.Graph;

namespace Drydock.Solver.Lowering;

/// <summary>
/// The state of a stage while it is lowered, instruction by instruction: the vertex that is its filesystem
/// so far, the image config it will have, its history, and the build args it has declared.
/// </summary>
internal sealed class StageState
{
    public required int Index { get; init; }

    public string? Name { get; init; }

    public ResolvedImage? Base { get; set; }

    public Vertex? Head { get; set; }

    public ContainerConfig Config { get; set; } = new();

    /// <summary>MAINTAINER (the image config's author field).</summary>
    public string? Author { get; set; }

    public List<PlannedStep> Steps { get; } = [];

    /// <summary>Declared ARGs with their values, in declaration order (visible to RUN as env, not persisted).</summary>
    public List<KeyValuePair<string, string>> Args { get; } = [];

    public int Step { get; set; }

    /// <summary>Whether CMD was set in this stage (ENTRYPOINT then keeps it).</summary>
    public bool CmdSet { get; set; }

    public int TotalSteps { get; set; }

    public string StageLabel { get; set; } = "";

    public IReadOnlyList<string> Shell => Config.Shell is { Count: > 0 } s ? s : ["/bin/sh", "-c"];

    public string WorkingDir => string.IsNullOrEmpty(Config.WorkingDir) ? "/" : Config.WorkingDir;

    public IReadOnlyList<string> Env => Config.Env ?? [];

    public string Prefix() => StageLabel.Length == 0 ? $"{Step}/{TotalSteps}" : $"{StageLabel} {Step}/{TotalSteps}";

    /// <summary>The environment an instruction's words expand in: ARGs first, then ENV (which wins), as BuildKit does.</summary>
    public IEnumerable<KeyValuePair<string, string>> ExpansionEnv()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in Args) env[a.Key] = a.Value;
        foreach (string e in Env)
        {
            int eq = e.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) env[e[..eq]] = e[(eq + 1)..];
        }
        return env;
    }

    public void SetEnv(string name, string value)
    {
        var env = Env.ToList();
        int at = env.FindIndex(e => e.StartsWith(name + "=", StringComparison.Ordinal));
        if (at >= 0) env[at] = $"{name}={value}";
        else env.Add($"{name}={value}");
        Config = Config with { Env = env };
    }
}

using System.Diagnostics.CodeAnalysis;
using Drydock.Parser.Instructions;
using Drydock.Parser.Shell;

namespace Drydock.Parser.Expansion;

/// <summary>
/// The variables an instruction's words expand against, with BuildKit's ARG/ENV scoping:
/// <list type="bullet">
/// <item><see cref="CreateGlobal"/>: the automatic platform ARGs and the ARGs before the first FROM (a build arg
/// overrides a default; defaults expand against earlier global ARGs). Only FROM lines see this scope.</item>
/// <item><see cref="ForStage"/>: a stage starts from its base image's ENV. <see cref="Apply"/> then records each
/// ENV and ARG as the stage is walked; an ARG takes, in order, the build arg, its own default (expanded), or the
/// global value of the same name. A later ENV or ARG of the same name wins.</item>
/// </list>
/// Proxy build args (HTTP_PROXY, ...) reach RUN through <see cref="RunEnvironment"/> without being declared, but
/// expand in words only when declared. The scope is mutable and belongs to one stage walk.
/// </summary>
/// <example>
/// <code>
/// var global = VariableScope.CreateGlobal(dockerfile, buildArgs, PlatformArgs.Host);
/// foreach (Stage stage in dockerfile.Stages)
/// {
///     string baseName = InstructionExpander.ExpandFrom(stage.From, global).Instruction is FromInstruction f ? f.BaseName : "";
///     VariableScope scope = global.ForStage(baseImageEnv);
///     foreach (Instruction i in stage.Instructions)
///     {
///         ExpandedInstruction e = InstructionExpander.Expand(i, scope);   // words expanded where BuildKit does
///         scope.Apply(e.Instruction);                                      // ENV / ARG take effect for the next one
///     }
/// }
/// </code>
/// </example>
public sealed class VariableScope : IShellEnvironment
{
    /// <summary>Proxy variables passed to RUN without an ARG, in both cases.</summary>
    public static readonly IReadOnlySet<string> ProxyArgNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy",
        "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
    };

    // A class, not a tuple, as the value: Dictionary<string, (string, VariableOrigin)> has no ReadyToRun code, so
    // every lookup ran JIT-compiled Tier0 code for the whole parse; a reference-typed value uses the shared code.
    private readonly Dictionary<string, Variable> _vars = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly List<KeyValuePair<string, string>> _imageEnv = [];
    private readonly IReadOnlyDictionary<string, string> _buildArgs;
    private readonly HashSet<string> _consumedBuildArgs;
    private readonly VariableScope? _global;

    private VariableScope(IReadOnlyDictionary<string, string> buildArgs, HashSet<string> consumed, VariableScope? global)
    {
        _buildArgs = buildArgs;
        _consumedBuildArgs = consumed;
        _global = global;
    }

    /// <summary>The scope of FROM lines: automatic platform ARGs, then the global ARGs of <paramref name="dockerfile"/>.</summary>
    public static VariableScope CreateGlobal(Dockerfile dockerfile, IReadOnlyDictionary<string, string> buildArgs, PlatformArgs platforms, char escapeToken = '\0')
    {
        ArgumentNullException.ThrowIfNull(dockerfile);
        ArgumentNullException.ThrowIfNull(buildArgs);
        ArgumentNullException.ThrowIfNull(platforms);
        var scope = new VariableScope(buildArgs, new HashSet<string>(StringComparer.Ordinal), null)
        {
            EscapeToken = escapeToken == '\0' ? dockerfile.EscapeToken : escapeToken,
        };
        foreach (var (name, value) in platforms.Values()) scope.Set(name, value, VariableOrigin.ArgDefault);
        foreach (ArgInstruction arg in dockerfile.GlobalArgs) scope.Apply(InstructionExpander.Expand(arg, scope).Instruction);
        return scope;
    }

    /// <summary>The escape character the words are written with.</summary>
    public char EscapeToken { get; private init; } = '\\';

    /// <summary>A new stage scope over this global scope, starting from the base image's ENV.</summary>
    public VariableScope ForStage(IEnumerable<KeyValuePair<string, string>> baseImageEnv)
    {
        ArgumentNullException.ThrowIfNull(baseImageEnv);
        var scope = new VariableScope(_buildArgs, _consumedBuildArgs, _global ?? this) { EscapeToken = EscapeToken };
        foreach (var (name, value) in baseImageEnv) scope.SetEnv(name, value);
        return scope;
    }

    /// <summary>Records the effect of an (expanded) ENV or ARG; other instructions change nothing.</summary>
    public void Apply(Instruction instruction)
    {
        switch (instruction)
        {
            case EnvInstruction env:
                foreach (var (key, value) in env.Pairs) SetEnv(key, value);
                break;
            case ArgInstruction arg:
                foreach (ArgDefinition definition in arg.Args) DeclareArg(definition);
                break;
        }
    }

    /// <summary>
    /// Declares an ARG whose default (if any) is already expanded: the build arg wins, then the default, then the
    /// global value of the same name (stages only). An ARG left without a value stays unset.
    /// </summary>
    public void DeclareArg(ArgDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (_buildArgs.TryGetValue(definition.Key, out string? given))
        {
            _consumedBuildArgs.Add(definition.Key);
            Set(definition.Key, given, VariableOrigin.BuildArg);
        }
        else if (definition.Value is not null)
        {
            Set(definition.Key, definition.Value, VariableOrigin.ArgDefault);
        }
        else if (_global is not null && _global._vars.TryGetValue(definition.Key, out var inherited))
        {
            Set(definition.Key, inherited.Value, inherited.Origin);
        }
    }

    public void SetEnv(string key, string value)
    {
        Set(key, value, VariableOrigin.Env);
        for (int i = 0; i < _imageEnv.Count; i++)
        {
            if (_imageEnv[i].Key != key) continue;
            _imageEnv[i] = new(key, value);
            return;
        }
        _imageEnv.Add(new(key, value));
    }

    private void Set(string key, string value, VariableOrigin origin)
    {
        if (!_vars.ContainsKey(key)) _order.Add(key);
        _vars[key] = new Variable(value, origin);
    }

    /// <summary>The image config's Env as of now: the base image's ENV and ENV instructions, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ImageEnv => _imageEnv;

    /// <summary>Every variable set now (ENV and ARGs with values), in first-set order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Variables => _order.Select(k => new KeyValuePair<string, string>(k, _vars[k].Value)).ToList();

    /// <summary>Where <paramref name="name"/>'s value comes from, or null when unset.</summary>
    public VariableOrigin? OriginOf(string name) => _vars.TryGetValue(name, out var v) ? v.Origin : null;

    /// <summary>
    /// The environment a RUN step gets: <see cref="Variables"/> plus proxy build args that were not declared.
    /// Proxy values stay out of history and cache keys unless declared (see <see cref="IsUndeclaredProxy"/>).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> RunEnvironment()
    {
        var env = new List<KeyValuePair<string, string>>(Variables);
        foreach (var (name, value) in _buildArgs)
        {
            if (ProxyArgNames.Contains(name) && !_vars.ContainsKey(name)) env.Add(new(name, value));
        }
        return env;
    }

    /// <summary>A proxy variable that reaches RUN only because it was given as a build arg.</summary>
    public bool IsUndeclaredProxy(string name) => ProxyArgNames.Contains(name) && !_vars.ContainsKey(name) && _buildArgs.ContainsKey(name);

    /// <summary>Build args that no ARG declared so far consumed (BuildKit warns about them after a build).</summary>
    public IReadOnlyList<string> UnconsumedBuildArgs() =>
        _buildArgs.Keys.Where(k => !_consumedBuildArgs.Contains(k) && !ProxyArgNames.Contains(k) && !k.StartsWith("BUILDKIT_", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    bool IShellEnvironment.TryGet(string name, [MaybeNullWhen(false)] out string value)
    {
        if (_vars.TryGetValue(name, out var v))
        {
            value = v.Value;
            return true;
        }
        value = null;
        return false;
    }

    IEnumerable<string> IShellEnvironment.Names => _order;

    private sealed class Variable(string value, VariableOrigin origin)
    {
        public string Value { get; } = value;

        public VariableOrigin Origin { get; } = origin;
    }
}

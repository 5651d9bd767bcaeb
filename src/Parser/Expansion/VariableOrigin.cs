namespace Drydock.Parser.Expansion;

/// <summary>Where a variable's current value in a <see cref="VariableScope"/> comes from.</summary>
public enum VariableOrigin
{
    /// <summary>ENV in the base image's config or an ENV instruction.</summary>
    Env,
    /// <summary>An ARG's default (or the global value it inherited, or an automatic platform ARG).</summary>
    ArgDefault,
    /// <summary>An ARG whose value was given with --build-arg.</summary>
    BuildArg,
}

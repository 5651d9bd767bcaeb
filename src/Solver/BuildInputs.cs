using Drydock.Core;

namespace Drydock.Solver;

/// <summary>
/// What a build reads from outside the store: local contexts by name ("context" is the main one, others come
/// from --build-context NAME=DIR) and secrets by id (--secret). Secret values are read only when a RUN mounts
/// them, and never enter ops, keys, layers or history.
/// </summary>
public sealed class BuildInputs
{
    public const string MainContext = "context";

    public Dictionary<string, LocalContext> Contexts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SecretSource> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The predefined proxy build args given with --build-arg (HTTP_PROXY, https_proxy, NO_PROXY, ...): every RUN
    /// sees them without an ARG, and, as in docker, they stay out of cache keys and history.
    /// </summary>
    public List<string> ProxyEnv { get; } = [];

    public static readonly IReadOnlySet<string> ProxyArgs = new HashSet<string>(StringComparer.Ordinal)
    {
        "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
    };

    public LocalContext Context(string name)
        => Contexts.TryGetValue(name, out LocalContext? c) ? c
            : throw new DrydockException(ErrorKind.NotFound, $"build context '{name}' not found");
}

/// <summary>A local directory used as a build context, with its .dockerignore rules (null: none).</summary>
public sealed record LocalContext(string Name, string Directory, Func<string, bool>? IsExcluded, Func<string, bool>? MayIncludeUnder);

/// <summary>A secret from a file or an environment variable.</summary>
public sealed record SecretSource(string Id, string? File, string? EnvironmentVariable)
{
    public async ValueTask<byte[]> ReadAsync(CancellationToken cancellationToken)
    {
        if (File is not null)
        {
            try
            {
                return await System.IO.File.ReadAllBytesAsync(File, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new DrydockException(ErrorKind.NotFound, $"failed to read secret '{Id}' from '{File}'", e);
            }
        }
        string? value = Environment.GetEnvironmentVariable(EnvironmentVariable ?? Id);
        return value is null
            ? throw new DrydockException(ErrorKind.NotFound, $"secret '{Id}': environment variable '{EnvironmentVariable ?? Id}' is not set")
            : System.Text.Encoding.UTF8.GetBytes(value);
    }
}

using System.Formats.Tar;
using System.IO.Compression;
using Drydock.Core;

namespace Drydock.Solver.Build;

/// <summary>
/// The context directory and Dockerfile of a build: a directory with CONTEXT/Dockerfile (or -f FILE), or "-"
/// for STDIN, which like docker is either a tar archive of the context (plain or gzip) or a lone Dockerfile
/// (an empty context). A context read from STDIN lives in a temporary directory removed on dispose.
/// </summary>
public sealed class BuildSource : IAsyncDisposable
{
    private string? _temporary;

    private BuildSource(string contextDir, string dockerfilePath, string dockerfileText, string dockerfileName)
    {
        ContextDir = contextDir;
        DockerfilePath = dockerfilePath;
        DockerfileText = dockerfileText;
        DockerfileName = dockerfileName;
    }

    public string ContextDir { get; }

    public string DockerfilePath { get; }

    public string DockerfileText { get; }

    public string DockerfileName { get; }

    /// <summary>The context was read from STDIN into a directory that goes away with this build.</summary>
    public bool IsTemporary => _temporary is not null;

    /// <summary>The Dockerfile's full path: the identity under which step histories are kept.</summary>
    public string Identity => DockerfilePath;

    public static async Task<BuildSource> OpenAsync(DrydockRoot root, string context, string? file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrEmpty(context);
        if (context == "-" && file == "-") throw new DrydockException(ErrorKind.InvalidArgument, "the context and the Dockerfile cannot both be read from STDIN");
        if (context == "-") return await FromStdinAsync(root, file, cancellationToken).ConfigureAwait(false);
        string dir = Path.GetFullPath(context);
        if (!Directory.Exists(dir)) throw new DrydockException(ErrorKind.InvalidArgument, $"unable to prepare context: path '{context}' not found");
        if (file == "-")
        {
            string text = await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            return new BuildSource(dir, Path.Combine(dir, "Dockerfile"), text, "Dockerfile");
        }
        string path = file is null ? Path.Combine(dir, "Dockerfile") : Path.GetFullPath(file);
        if (!File.Exists(path))
            throw new DrydockException(ErrorKind.InvalidArgument, $"failed to read dockerfile: open '{(file ?? Path.Combine(context, "Dockerfile"))}': no such file or directory");
        // a Dockerfile is a few kilobytes: read in one call, not through the asynchronous file machinery every build would start
        return new BuildSource(dir, path, File.ReadAllText(path), Path.GetFileName(path));
    }

    private static async Task<BuildSource> FromStdinAsync(DrydockRoot root, string? file, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        await using (Stream stdin = Console.OpenStandardInput()) await stdin.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        string dir = Path.Combine(root.Tmp, "context-" + Guid.NewGuid().ToString("N")[..16]);
        Directory.CreateDirectory(dir);
        var source = await FromStreamAsync(buffer, dir, file, cancellationToken).ConfigureAwait(false);
        source._temporary = dir;
        return source;
    }

    internal static async Task<BuildSource> FromStreamAsync(MemoryStream buffer, string dir, string? file, CancellationToken cancellationToken)
    {
        byte[] head = new byte[(int)Math.Min(buffer.Length, 512)];
        buffer.ReadExactly(head);
        buffer.Position = 0;
        bool gzip = head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b;
        bool tar = head.Length >= 262 && head.AsSpan(257, 5).SequenceEqual("ustar"u8);
        if (!gzip && !tar)
        {
            string text = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            return new BuildSource(dir, Path.Combine(dir, "Dockerfile"), text, "Dockerfile");
        }
        Stream archive = gzip ? new GZipStream(buffer, CompressionMode.Decompress) : buffer;
        await ExtractAsync(archive, dir, cancellationToken).ConfigureAwait(false);
        string path = Path.GetFullPath(Path.Combine(dir, file ?? "Dockerfile"));
        if (!path.StartsWith(dir + "/", StringComparison.Ordinal) || !File.Exists(path))
            throw new DrydockException(ErrorKind.InvalidArgument, $"failed to read dockerfile: '{file ?? "Dockerfile"}' not found in the context from STDIN");
        return new BuildSource(dir, path, await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false), Path.GetFileName(path));
    }

    /// <summary>Extracts regular files, directories and symlinks; an entry that would leave the directory is an error.</summary>
    private static async Task ExtractAsync(Stream archive, string dir, CancellationToken cancellationToken)
    {
        await using var reader = new TarReader(archive);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            string target = Path.GetFullPath(Path.Combine(dir, entry.Name.TrimStart('/')));
            if (target != dir && !target.StartsWith(dir + "/", StringComparison.Ordinal))
                throw new DrydockException(ErrorKind.InvalidArgument, $"invalid context archive: entry '{entry.Name}' points outside the context");
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(target);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    await using (FileStream f = File.Create(target))
                        if (entry.DataStream is { } data) await data.CopyToAsync(f, cancellationToken).ConfigureAwait(false);
                    File.SetUnixFileMode(target, entry.Mode);
                    break;
                case TarEntryType.SymbolicLink:
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.CreateSymbolicLink(target, entry.LinkName);
                    break;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_temporary is not null)
        {
            try
            {
                Directory.Delete(_temporary, recursive: true);
            }
            catch (IOException)
            {
            }
        }
        return ValueTask.CompletedTask;
    }
}

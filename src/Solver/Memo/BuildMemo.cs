using System.IO.Hashing;
using System.Text;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Images;
using Drydock.Core.References;
using Drydock.Solver.Build;
using Drydock.Solver.Cache;
using Drydock.Solver.Graph;
using Drydock.Solver.Ops;

namespace Drydock.Solver.Memo;

/// <summary>
/// The whole-build memo: a digest of everything a build reads (the tool, the Dockerfile, the request's flags,
/// the ignore rules and the context's <see cref="ContextFingerprint"/>) mapped to the image it produced. When
/// nothing changed, a rebuild skips parsing, planning and solving and names the same image again, which every
/// step would have found in the cache anyway. An entry is used only while the base images still resolve as
/// they did and every blob of the result is still in the store; anything else falls back to a full build.
/// Entries live under cache/solver/builds, one small binary file each, replaced atomically. Keys are 128-bit
/// xxHash digests: what goes into them is chosen by whoever may write the store anyway, and hashing with it
/// spares the fast path a start of OpenSSL.
/// </summary>
public sealed class BuildMemo(DrydockRoot root, IContentStore content, IImageStore images)
{
    private readonly string _dir = DirectoryOf(root);

    private static string DirectoryOf(DrydockRoot root) => Path.Combine(root.Cache, "solver", "builds");

    /// <summary>
    /// The key of one build. <paramref name="tool"/> identifies the Drydock build doing it (a new one may build
    /// differently); tags, --iidfile and progress are left out: they do not change the image.
    /// </summary>
    public static string Key(string tool, BuildRequest request, string contextDir, IEnumerable<string> ignorePatterns, IEnumerable<string> secretIds, ContextState context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var text = new StringBuilder()
            .Append("tool ").Append(tool).Append('\n')
            .Append("dockerfile ").Append(request.Identity).Append(' ').Append(request.DockerfileName).Append('\n')
            .Append(request.DockerfileText.Length).Append(' ').Append(request.DockerfileText).Append('\n')
            .Append("context ").Append(contextDir).Append(' ').Append(context.Digest).Append('\n')
            .Append("target ").Append(request.Target).Append('\n')
            .Append("platform ").Append(request.Platform).Append('\n')
            .Append("network ").Append(request.Network).Append('\n')
            .Append("epoch ").Append(request.SourceDateEpoch?.ToUnixTimeSeconds()).Append('\n');
        foreach (string p in ignorePatterns) text.Append("ignore ").Append(p).Append('\n');
        foreach (var (k, v) in request.BuildArgs.OrderBy(a => a.Key, StringComparer.Ordinal)) text.Append("arg ").Append(k).Append('=').Append(v).Append('\n');
        foreach (var (k, v) in request.Labels.OrderBy(a => a.Key, StringComparer.Ordinal)) text.Append("label ").Append(k).Append('=').Append(v).Append('\n');
        foreach (string id in secretIds.Order(StringComparer.Ordinal)) text.Append("secret ").Append(id).Append('\n');
        return Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The entry for <paramref name="key"/> when its bases still resolve as they did and its image is whole; otherwise null.</summary>
    public async Task<BuildMemoEntry?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        BuildMemoEntry? entry;
        try
        {
            using var r = new BinaryReader(new MemoryStream(File.ReadAllBytes(PathOf(key))));
            entry = BuildMemoEntry.ReadFrom(r);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or DrydockException)
        {
            return null; // missing, torn or from another format: a full build writes it again
        }
        if (entry is null) return null;
        // plain loops: this is the whole of a remembered build, and LINQ over these types is JIT-compiled at every start
        foreach (MemoBase b in entry.Bases)
        {
            if (b.Name is null)
            {
                if (await content.TryGetInfoAsync(b.Digest, cancellationToken).ConfigureAwait(false) is null) return null;
                continue;
            }
            ImageRecord? record = await images.TryGetAsync(b.Name, cancellationToken).ConfigureAwait(false);
            if (record?.Target.Digest != b.Digest) return null;
        }
        foreach (Digest blob in entry.Blobs)
        {
            if (await content.TryGetInfoAsync(blob, cancellationToken).ConfigureAwait(false) is null) return null;
        }
        return entry;
    }

    private async Task PutAsync(string key, BuildMemoEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true)) entry.WriteTo(w);
        await AtomicFile.WriteAsync(PathOf(key), buffer.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Remembers what a build of <paramref name="plan"/> exported, unless a step read what the context
    /// fingerprint does not cover: ADD of a URL (the server's content may change), or RUN --mount=type=bind of a
    /// context directory, which sees even what .dockerignore leaves out.
    /// </summary>
    public async Task RememberAsync(string key, BuildPlan plan, ResolvedImage image, ProgressRecorder progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(progress);
        IReadOnlyList<Vertex> vertices = GraphPrinter.Reachable(plan.Targets);
        if (vertices.Any(v => v.Op is CopyOp { Url: not null } || (v.Op is ExecOp exec && exec.Mounts.Any(m => m.Type == "bind" && m.Input is null)))) return;
        var bases = new List<MemoBase>();
        var sources = new HashSet<string>(StringComparer.Ordinal);
        foreach (Vertex v in vertices)
        {
            if (v.Op is not ImageSourceOp from) continue;
            bases.Add(await BaseAsync(from.Reference, Digest.Parse(from.ManifestDigest), cancellationToken).ConfigureAwait(false));
            sources.Add(v.Digest.ToString());
        }
        var blobs = new[] { image.Target.Digest, image.ManifestDescriptor.Digest, image.Id }.Concat(image.Manifest.Layers.Select(l => l.Digest)).Distinct().ToList();
        var entry = new BuildMemoEntry(image.Target, image.Id, blobs, bases, progress.Steps(sources.Contains), [.. plan.Warnings, .. progress.Warnings]);
        await PutAsync(key, entry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How a base reference resolves now, to be checked again before an entry is used.</summary>
    private async Task<MemoBase> BaseAsync(string reference, Digest manifestDigest, CancellationToken cancellationToken)
    {
        if (ImageReference.TryParse(reference, out ImageReference? parsed) && parsed.Digest is null
            && await images.TryGetAsync(parsed.ToString(), cancellationToken).ConfigureAwait(false) is { } record)
            return new MemoBase(record.Name, record.Target.Digest);
        return new MemoBase(null, manifestDigest);
    }

    /// <summary>Forgets every entry (builder prune): the images stay, only the shortcut to them goes.</summary>
    public static long Clear(DrydockRoot root)
    {
        string dir = DirectoryOf(root);
        if (!Directory.Exists(dir)) return 0;
        long bytes = 0;
        foreach (var file in new DirectoryInfo(dir).EnumerateFiles())
        {
            bytes += file.Length;
            file.Delete();
        }
        return bytes;
    }

    private string PathOf(string key) => Path.Combine(_dir, key);
}

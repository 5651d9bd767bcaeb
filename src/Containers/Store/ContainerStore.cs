using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Drydock.Core;
using Drydock.Core.Locking;

namespace Drydock.Containers.Store;

/// <summary>
/// Container records under &lt;root&gt;/containers, one directory per container (config.json, spec.json, the
/// json-file log). Readers need no lock because every write replaces config.json by rename; writers (create,
/// update, delete) hold the store's file lock, so names stay unique across processes.
/// </summary>
public sealed partial class ContainerStore
{
    private const string RecordFile = "config.json";
    private readonly string _lockPath;

    public ContainerStore(DrydockRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Root = root.Containers;
        _lockPath = Path.Combine(Root, ".lock");
    }

    public string Root { get; }

    public string DirectoryOf(string id) => Path.Combine(Root, id);

    public string LogPathOf(string id) => Path.Combine(Root, id, id + "-json.log");

    public string SpecPathOf(string id) => Path.Combine(Root, id, "spec.json");

    public ValueTask<FileLock> LockAsync(CancellationToken cancellationToken) => FileLock.AcquireAsync(_lockPath, cancellationToken);

    /// <summary>Creates a record with a fresh ID and the given (or a generated) name.</summary>
    public async ValueTask<ContainerRecord> CreateAsync(string? name, Func<string, string, ContainerRecord> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (name is not null && !ValidName().IsMatch(name))
            throw new DrydockException(ErrorKind.InvalidArgument, $"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        using FileLock held = await LockAsync(cancellationToken).ConfigureAwait(false);
        var existing = new List<ContainerRecord>();
        await foreach (ContainerRecord r in ListAsync(cancellationToken).ConfigureAwait(false)) existing.Add(r);
        if (name is not null && existing.Find(r => r.Name == name) is { } taken)
            throw new DrydockException(ErrorKind.AlreadyExists,
                $"Conflict. The container name \"/{name}\" is already in use by container \"{taken.Id}\". You have to remove (or rename) that container to be able to reuse that name.");
        name ??= NameGenerator.Next(n => existing.Exists(r => r.Name == n));
        if (!OperatingSystem.IsLinux()) throw new DrydockException(ErrorKind.Unsupported, "containers need Linux");
        Span<byte> random = stackalloc byte[32];
        Interop.Libc.FillRandom(random);
        string id = Convert.ToHexStringLower(random);
        ContainerRecord record = create(id, name);
        Directory.CreateDirectory(DirectoryOf(id));
        await WriteAsync(record, cancellationToken).ConfigureAwait(false);
        return record;
    }

    public ValueTask<ContainerRecord?> TryGetAsync(string id, CancellationToken cancellationToken)
        => ValueTask.FromResult(TryGet(id, cancellationToken));

    private ContainerRecord? TryGet(string id, CancellationToken cancellationToken)
    {
        string path = Path.Combine(DirectoryOf(id), RecordFile);
        cancellationToken.ThrowIfCancellationRequested();
        if (!File.Exists(path)) return null;
        try
        {
            // a record is a few hundred bytes: read whole and parsed from memory, it costs no thread-pool hop
            byte[] json = File.ReadAllBytes(path);
            return ContainerRecordJson.TryRead(json) ?? JsonSerializer.Deserialize(json, ContainersJsonContext.Default.ContainerRecord);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (JsonException e)
        {
            throw new DrydockException(ErrorKind.DataCorrupted,
                $"failed to read container record '{path}': {Core.Json.JsonValues.Problem(e)}; remove '{DirectoryOf(id)}' to drop the container");
        }
    }

    /// <summary>All records; a directory removed while listing is skipped.</summary>
    public async IAsyncEnumerable<ContainerRecord> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Root)) yield break;
        foreach (string dir in Directory.EnumerateDirectories(Root))
        {
            string id = Path.GetFileName(dir);
            if (id.Length != 64) continue;
            if (await TryGetAsync(id, cancellationToken).ConfigureAwait(false) is { } record) yield return record;
        }
    }

    /// <summary>Finds a container by full ID, name, or unique ID prefix, as docker does.</summary>
    public async ValueTask<ContainerRecord> FindAsync(string nameOrId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(nameOrId);
        if (nameOrId.Length == 64 && await TryGetAsync(nameOrId, cancellationToken).ConfigureAwait(false) is { } exact) return exact;
        string name = nameOrId.TrimStart('/');
        var prefixed = new List<ContainerRecord>();
        await foreach (ContainerRecord r in ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (r.Name == name) return r;
            if (r.Id.StartsWith(nameOrId, StringComparison.Ordinal)) prefixed.Add(r);
        }
        return prefixed.Count switch
        {
            1 => prefixed[0],
            0 => throw new DrydockException(ErrorKind.NotFound, $"No such container: {nameOrId}"),
            _ => throw new DrydockException(ErrorKind.InvalidArgument, $"multiple IDs found with provided prefix: {nameOrId}"),
        };
    }

    /// <summary>Applies <paramref name="change"/> to the current record under the lock; null when the container is gone.</summary>
    public async ValueTask<ContainerRecord?> UpdateAsync(string id, Func<ContainerRecord, ContainerRecord> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        using FileLock held = await LockAsync(cancellationToken).ConfigureAwait(false);
        if (await TryGetAsync(id, cancellationToken).ConfigureAwait(false) is not { } current) return null;
        ContainerRecord updated = change(current);
        await WriteAsync(updated, cancellationToken).ConfigureAwait(false);
        return updated;
    }

    /// <summary>Removes the record and its directory (logs included).</summary>
    public async ValueTask DeleteAsync(string id, CancellationToken cancellationToken)
    {
        using FileLock held = await LockAsync(cancellationToken).ConfigureAwait(false);
        string dir = DirectoryOf(id);
        // rename first so that a reader never sees a half-deleted directory as a container
        string doomed = Path.Combine(Root, ".removing-" + id);
        try
        {
            Directory.Move(dir, doomed);
        }
        catch (DirectoryNotFoundException)
        {
            return;
        }
        DirectoryTree.Delete(doomed);
    }

    /// <summary>Finishes deletes a killed drydock left half done (directories renamed to ".removing-ID").</summary>
    public void RemoveAbandonedDirectories()
    {
        if (!Directory.Exists(Root)) return;
        foreach (string dir in Directory.EnumerateDirectories(Root, ".removing-*"))
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // another drydock is deleting it right now
            }
        }
    }

    private ValueTask WriteAsync(ContainerRecord record, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        string path = Path.Combine(DirectoryOf(record.Id), RecordFile);
        string temp = path + ".tmp";
        File.WriteAllBytes(temp, ContainerRecordJson.Write(record));
        File.Move(temp, path, overwrite: true);
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex ValidName();
}

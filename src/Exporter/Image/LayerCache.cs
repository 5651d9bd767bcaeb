using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Gc;
using Drydock.Core.Layers;
using Drydock.Core.Oci;

namespace Drydock.Exporter.Image;

/// <summary>
/// The layer already computed for a snapshot (and compression), under <c>cache/layers/</c>, so exporting a
/// cached step never diffs it again. It is a GC root source: the layers of cached steps stay in the content
/// store until <c>builder prune</c> forgets their snapshots. A layer made with SOURCE_DATE_EPOCH (its times
/// clamped) serves only exports with that same epoch, and one made without it only exports without: the cached
/// steps of a root that built without the epoch must not leak their file times into a reproducible build.
/// </summary>
public sealed class LayerCache : IGcRootSource
{
    private readonly string _dir;

    public LayerCache(DrydockRoot root)
    {
        ArgumentNullException.ThrowIfNull(root);
        _dir = Path.Combine(root.Cache, "layers");
        Directory.CreateDirectory(_dir);
    }

    public async ValueTask<Layer?> TryGetAsync(IContentStore content, string snapshot, LayerCompression compression, DateTimeOffset? sourceDateEpoch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            byte[] json = await File.ReadAllBytesAsync(PathOf(snapshot, compression), cancellationToken).ConfigureAwait(false);
            LayerRecord? r = JsonSerializer.Deserialize(json, LayerCacheJsonContext.Default.LayerRecord);
            if (r is null || r.SourceDateEpoch != sourceDateEpoch?.ToUnixTimeSeconds() || !await content.ExistsAsync(r.Descriptor.Digest, cancellationToken).ConfigureAwait(false)) return null;
            return new Layer(r.Descriptor, Digest.Parse(r.DiffId));
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Records the layer of <paramref name="snapshot"/>, replacing one made with another epoch.</summary>
    public async ValueTask PutAsync(string snapshot, LayerCompression compression, DateTimeOffset? sourceDateEpoch, Layer layer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var record = new LayerRecord(snapshot, layer.Descriptor.MediaType, layer.Descriptor.Digest.ToString(), layer.Descriptor.Size, layer.DiffId.ToString())
        {
            SourceDateEpoch = sourceDateEpoch?.ToUnixTimeSeconds(),
        };
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(record, LayerCacheJsonContext.Default.LayerRecord);
        string path = PathOf(snapshot, compression);
        string tmp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(tmp, json, cancellationToken).ConfigureAwait(false);
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Forgets the layers of a snapshot that is being removed.</summary>
    public void Forget(string snapshot)
    {
        foreach (LayerCompression c in Enum.GetValues<LayerCompression>())
        {
            try
            {
                File.Delete(PathOf(snapshot, c));
            }
            catch (IOException)
            {
            }
        }
    }

    public async IAsyncEnumerable<Digest> ListRootsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (string path in Directory.EnumerateFiles(_dir, "*.json"))
        {
            LayerRecord? r;
            try
            {
                r = JsonSerializer.Deserialize(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), LayerCacheJsonContext.Default.LayerRecord);
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                continue;
            }
            if (r is not null) yield return r.Descriptor.Digest;
        }
    }

    private string PathOf(string snapshot, LayerCompression compression)
        => Path.Combine(_dir, Digest.Sha256(Encoding.UTF8.GetBytes($"{snapshot}\n{compression}")).Encoded + ".json");
}

internal sealed record LayerRecord(
    [property: JsonPropertyName("snapshot")] string Snapshot,
    [property: JsonPropertyName("mediaType")] string MediaType,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("diffID")] string DiffId)
{
    /// <summary>The SOURCE_DATE_EPOCH (seconds) the layer's times were clamped to; absent when they were not.</summary>
    [JsonPropertyName("sourceDateEpoch")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? SourceDateEpoch { get; init; }

    [JsonIgnore]
    public Descriptor Descriptor => new(MediaType, Core.Digest.Parse(Digest), Size);
}

[JsonSerializable(typeof(LayerRecord))]
internal sealed partial class LayerCacheJsonContext : JsonSerializerContext;

namespace Drydock.Core.Images;

public sealed partial class ImageService
{
    /// <summary>
    /// Every record with its image, newest first as docker lists them. Records whose content cannot be read
    /// (another platform only, missing blobs) are skipped; <paramref name="onError"/> hears about them.
    /// </summary>
    public async Task<IReadOnlyList<ImageSummary>> ListAsync(Action<string, Exception>? onError = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ImageRecord> records = await ListRecordsAsync(cancellationToken).ConfigureAwait(false);
        var targets = new Dictionary<Digest, int>();
        var first = new List<ImageRecord>();
        foreach (ImageRecord r in records)
        {
            if (targets.TryAdd(r.Target.Digest, first.Count)) first.Add(r);
        }
        var facts = new ImageFacts?[first.Count];
        var missing = new List<int>();
        for (int i = 0; i < first.Count; i++)
        {
            // any record of the target may carry the cached facts
            facts[i] = first[i].Facts ?? records.FirstOrDefault(r => r.Target.Digest == first[i].Target.Digest && r.Facts is not null)?.Facts;
            if (facts[i] is null) missing.Add(i);
        }
        var errors = new Exception?[first.Count];
        // Reading manifests and configs dominates with hundreds of images: spread it over the cores.
        if (missing.Count > 0) await Parallel.ForAsync(0, missing.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (m, ct) =>
            {
                int i = missing[m];
                try
                {
                    var (id, created, size) = await ImageFactsReader.ReadAsync(Content, first[i].Target, ct).ConfigureAwait(false);
                    facts[i] = new ImageFacts(id, created, size);
                }
                catch (DrydockException e)
                {
                    errors[i] = e;
                }
            }).ConfigureAwait(false);
        for (int i = 0; i < first.Count; i++)
            if (errors[i] is { } e) onError?.Invoke(first[i].Name, e);
        var rows = new List<ImageSummary>(records.Count);
        foreach (ImageRecord record in records)
        {
            if (facts[targets[record.Target.Digest]] is { } f)
                rows.Add(new ImageSummary(record.Name, ImageNames.TryReference(record.Name), f.Id, record.Target, f.Created, f.Size, record.CreatedAt));
        }
        return rows
            .OrderByDescending(r => r.Created ?? r.RecordCreated)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary><c>history</c>: the config's history entries matched to layers, newest first.</summary>
    public async Task<IReadOnlyList<HistoryRow>> HistoryAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        ResolvedImage image = await ResolveAsync(nameOrId, cancellationToken).ConfigureAwait(false);
        return History(image);
    }

    public static IReadOnlyList<HistoryRow> History(ResolvedImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var rows = new List<HistoryRow>();
        var layers = image.Manifest.Layers;
        int layer = 0;
        if (image.Config.History is { Count: > 0 } history)
        {
            foreach (var h in history)
            {
                long size = !h.EmptyLayer && layer < layers.Count ? layers[layer++].Size : 0;
                rows.Add(new HistoryRow(null, h.Created, h.CreatedBy ?? "", size, h.Comment ?? "", h.EmptyLayer));
            }
        }
        // layers the history does not account for (configs written without history) still get a row each
        for (; layer < layers.Count; layer++) rows.Add(new HistoryRow(null, image.Config.Created, "", layers[layer].Size, "", false));
        if (rows.Count == 0) rows.Add(new HistoryRow(null, image.Config.Created, "", 0, "", true));
        rows.Reverse();
        rows[0] = rows[0] with { Id = image.Id };
        return rows;
    }
}

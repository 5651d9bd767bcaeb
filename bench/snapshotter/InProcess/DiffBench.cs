using System.Diagnostics;
using System.Globalization;
using Drydock.Core;
using Drydock.Core.Content;
using Drydock.Core.Layers;
using Drydock.Core.Oci;
using Drydock.Snapshotter;
using Drydock.Snapshotter.Diff;
using Drydock.Snapshotter.Mounting;

/// <summary>
/// The exporter's diff of a small change on a large base: a committed base of BASE_MIB MiB in 100 KiB files
/// (100 per directory), then per run a committed child that rewrites 5 base files and adds 5 (10 × 100 KiB),
/// and the timed part: View(base) + View(child) + Differ.CompareAsync + removing both views, as
/// ImageCommitter.DiffAsync does, once with gzip and once uncompressed.
/// With overlayfs each run diffs a fresh child. The native driver's prepare copies the whole base, so it
/// commits one child and re-diffs it every run (the Differ caches nothing, so each diff is a full one).
/// Prints one line per compression: "RESULT DRIVER BASE_MIB COMPRESSION MEDIAN_MS P90_MS LAYER_BYTES".
/// </summary>
internal static class DiffBench
{
    private const int FileSize = 100 * 1024;
    private const int FilesPerDirectory = 100;
    private const int ChangedFiles = 10;
    private const int Warmup = 2;

    public static async Task RunAsync(string driver, int baseMib, int runs, string work)
    {
        var root = new DrydockRoot(work);
        ISnapshotter sn = SnapshotterFactory.Open(root, driver);
        var differ = new Differ(new LocalContentStore(root));
        string target = Path.Combine(work, "mnt");
        Directory.CreateDirectory(target);
        int baseFiles = (int)((long)baseMib * 1024 * 1024 / FileSize);

        var build = Stopwatch.StartNew();
        IReadOnlyList<Mount> baseMounts = await sn.PrepareAsync("diff-base", null);
        await WithMountedAsync(baseMounts, target, dir =>
        {
            for (int i = 0; i < baseFiles; i++) WriteFile(dir, i, seed: 0);
        });
        await sn.CommitAsync("diff-base-committed", "diff-base");
        build.Stop();
        // let the base's writeback finish now rather than under the timed diffs
        using (var sync = Process.Start("sync")) await sync.WaitForExitAsync();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{driver}: base of {baseMib} MiB ({baseFiles} files) committed in {build.Elapsed.TotalSeconds:F1} s"));

        bool fresh = driver == SnapshotterFactory.OverlayDriver;
        LayerCompression[] compressions = [LayerCompression.Gzip, LayerCompression.None];
        var times = compressions.ToDictionary(c => c, _ => new List<double>());
        var sizes = new Dictionary<LayerCompression, long>();
        string? child = null;
        for (int r = 0; r < runs + Warmup; r++)
        {
            if (child is null || fresh)
            {
                if (child is not null) await sn.RemoveAsync(child);
                child = await CommitChildAsync(sn, "diff-base-committed", r, baseFiles, target);
            }
            foreach (LayerCompression compression in compressions)
            {
                long t0 = Stopwatch.GetTimestamp();
                Layer layer = await DiffAsync(sn, differ, "diff-base-committed", child, compression, r);
                double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                if (layer.Descriptor.Size < (compression == LayerCompression.None ? ChangedFiles * FileSize : 1024))
                    throw new InvalidOperationException($"layer of {layer.Descriptor.Size} bytes: the change is missing");
                sizes[compression] = layer.Descriptor.Size;
                if (r >= Warmup) times[compression].Add(ms);
            }
        }

        foreach (LayerCompression compression in compressions)
        {
            List<double> s = times[compression].Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"RESULT {driver} {baseMib} {compression.ToString().ToLowerInvariant()} {s[s.Count / 2]:F2} {s[Math.Min(s.Count - 1, (int)(s.Count * 0.9))]:F2} {sizes[compression]}"));
        }

        if (child is not null) await sn.RemoveAsync(child);
        await sn.RemoveAsync("diff-base-committed");
        Directory.Delete(target);
    }

    private static async Task<Layer> DiffAsync(ISnapshotter sn, Differ differ, string parent, string child, LayerCompression compression, int run)
    {
        string lowerKey = $"diff-view-lower-{run}-{compression}", upperKey = $"diff-view-upper-{run}-{compression}";
        try
        {
            IReadOnlyList<Mount> lower = await sn.ViewAsync(lowerKey, parent);
            IReadOnlyList<Mount> upper = await sn.ViewAsync(upperKey, child);
            return await differ.CompareAsync(lower, upper, compression);
        }
        finally
        {
            await sn.RemoveAsync(upperKey);
            await sn.RemoveAsync(lowerKey);
        }
    }

    /// <summary>A committed child of <paramref name="parent"/>: 5 base files rewritten and 5 new ones.</summary>
    private static async Task<string> CommitChildAsync(ISnapshotter sn, string parent, int run, int baseFiles, string target)
    {
        string key = $"diff-child-{run}";
        IReadOnlyList<Mount> mounts = await sn.PrepareAsync(key, parent);
        await WithMountedAsync(mounts, target, dir =>
        {
            for (int i = 0; i < ChangedFiles / 2; i++) WriteFile(dir, (int)((long)baseFiles * i / (ChangedFiles / 2)) + run % 97, seed: run + 1);
            for (int i = 0; i < ChangedFiles - ChangedFiles / 2; i++) WriteFile(dir, baseFiles + i, seed: run + 1);
        });
        string name = $"diff-child-{run}-committed";
        await sn.CommitAsync(name, key);
        return name;
    }

    /// <summary>Runs <paramref name="write"/> on the snapshot's tree: a bind's source directly, else the mounted target.</summary>
    private static async Task WithMountedAsync(IReadOnlyList<Mount> mounts, string target, Action<string> write)
    {
        if (mounts is [{ Type: "bind" } bind])
        {
            write(bind.Source);
            return;
        }
        await Mounter.MountAsync(mounts, target);
        try
        {
            write(target);
        }
        finally
        {
            await Mounter.UnmountAsync(target);
        }
    }

    private static readonly byte[] Pool = Text(4 << 20, new Random(42));

    /// <summary>File <paramref name="index"/> (in directory index / 100): 100 KiB of base64-like text. Base files
    /// (seed 0) are slices of one pool, so a 1 GiB base is quick to write; changes are fresh text per seed.</summary>
    private static void WriteFile(string root, int index, int seed)
    {
        string dir = Path.Combine(root, "d" + (index / FilesPerDirectory).ToString("D4", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        byte[] data = seed == 0
            ? Pool.AsSpan((int)((long)index * 40961 % (Pool.Length - FileSize)), FileSize).ToArray()
            : Text(FileSize, new Random(index * 7919 + seed));
        File.WriteAllBytes(Path.Combine(dir, "f" + index.ToString("D6", CultureInfo.InvariantCulture)), data);
    }

    private static byte[] Text(int length, Random random)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var data = new byte[length];
        for (int i = 0; i < data.Length; i++) data[i] = i % 77 == 76 ? (byte)'\n' : (byte)alphabet[random.Next(64)];
        return data;
    }
}

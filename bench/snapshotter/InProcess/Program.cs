using System.Diagnostics;
using System.Globalization;
using Drydock.Core;
using Drydock.Snapshotter;
using Drydock.Snapshotter.Mounting;

// usage: Drydock.Snapshotter.Bench DRIVER LAYERS RUNS WORKDIR
//        Drydock.Snapshotter.Bench diff DRIVER BASE_MIB RUNS WORKDIR   (see DiffBench)
if (args is ["diff", var diffDriver, var baseMib, var diffRuns, var diffWork])
{
    await DiffBench.RunAsync(diffDriver, int.Parse(baseMib, CultureInfo.InvariantCulture), int.Parse(diffRuns, CultureInfo.InvariantCulture), diffWork);
    return;
}

// Builds a chain of LAYERS committed snapshots (one small file each), then times RUNS times
// Prepare(active on the top) + Mounter.MountAsync of its mounts; unmount and remove are not timed.
string driver = args.Length > 0 ? args[0] : "overlayfs";
int layers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
int runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
string work = args.Length > 3 ? args[3] : Path.Combine("/var/tmp", "drydock-snapshotter-bench-" + Guid.NewGuid().ToString("N")[..8]);

var root = new DrydockRoot(Path.Combine(work, driver));
ISnapshotter sn = SnapshotterFactory.Open(root, driver);
string target = Path.Combine(work, "mnt-" + driver);
Directory.CreateDirectory(target);

string? parent = null;
var build = Stopwatch.StartNew();
for (int i = 0; i < layers; i++)
{
    string key = $"bench-build-{i}";
    IReadOnlyList<Mount> mounts = await sn.PrepareAsync(key, parent);
    await Mounter.MountAsync(mounts, target);
    await File.WriteAllTextAsync(Path.Combine(target, $"file-{i}"), new string('x', 4096));
    await Mounter.UnmountAsync(target);
    string name = $"sha256:bench-{i}";
    await sn.CommitAsync(name, key);
    parent = name;
}
build.Stop();

var prepare = new List<double>();
var mount = new List<double>();
var total = new List<double>();
for (int r = 0; r < runs + 3; r++)
{
    string key = $"bench-run-{r}";
    long t0 = Stopwatch.GetTimestamp();
    IReadOnlyList<Mount> mounts = await sn.PrepareAsync(key, parent);
    long t1 = Stopwatch.GetTimestamp();
    await Mounter.MountAsync(mounts, target);
    long t2 = Stopwatch.GetTimestamp();
    if (!File.Exists(Path.Combine(target, "file-0"))) throw new InvalidOperationException("the bottom layer is not visible");
    await Mounter.UnmountAsync(target);
    await sn.RemoveAsync(key);
    if (r < 3) continue; // warm-up
    prepare.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
    mount.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
    total.Add(Stopwatch.GetElapsedTime(t0, t2).TotalMilliseconds);
}

static string Stats(List<double> xs)
{
    var s = xs.Order().ToList();
    return string.Create(CultureInfo.InvariantCulture, $"median {s[s.Count / 2],7:F2} ms  p90 {s[(int)(s.Count * 0.9)],7:F2} ms");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{driver,-9} chain of {layers} layers built in {build.Elapsed.TotalMilliseconds:F0} ms"));
Console.WriteLine($"{driver,-9} prepare          {Stats(prepare)}");
Console.WriteLine($"{driver,-9} mount            {Stats(mount)}");
Console.WriteLine($"{driver,-9} prepare + mount  {Stats(total)}");

while (parent is not null)
{
    string? next = (await sn.StatAsync(parent)).Parent;
    await sn.RemoveAsync(parent);
    parent = next;
}
Directory.Delete(target);

using System.Diagnostics;
using System.Globalization;
using Drydock.Core;
using Drydock.Runtime;

// In-process start-to-exit latency of LinuxContainerRuntime, as a RUN step sees it: a ContainerSpec on an
// overlay of a busybox root, process `true`, output captured, from StartAsync to the end of WaitAsync.
// usage: Drydock.Runtime.Bench ROOTFS [RUNS]   (prints one line per run in ms, then min/median/mean/max)
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Drydock.Runtime.Bench ROOTFS [RUNS]");
    return 2;
}
string rootfs = Path.GetFullPath(args[0]);
int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
string work = Directory.CreateTempSubdirectory("drydock-bench-").FullName;
var runtime = new LinuxContainerRuntime(Path.Combine(work, "state"));
var times = new List<double>();
try
{
    for (int i = -5; i < runs; i++)   // 5 warm-up runs: the JIT is warm in a long-lived drydock process
    {
        string upper = Path.Combine(work, $"u{i + 5}");
        Directory.CreateDirectory(Path.Combine(upper, "upper"));
        Directory.CreateDirectory(Path.Combine(upper, "work"));
        var spec = new ContainerSpec
        {
            Id = $"bench-{i + 5}",
            RootMounts = [Mount.Overlay([rootfs], (Path.Combine(upper, "upper"), Path.Combine(upper, "work")))],
            Process = new ProcessSpec { Args = ["true"], Env = ["PATH=/bin"] },
        };
        var io = new ProcessIO { NullStdin = true, OnOutput = (_, _) => { } };
        long start = Stopwatch.GetTimestamp();
        await using (IContainerProcess p = await runtime.StartAsync(spec, io))
        {
            int code = await p.WaitAsync();
            if (code != 0) throw new InvalidOperationException($"run {i} exited with {code}");
        }
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (i >= 0) times.Add(ms);
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}
times.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"LinuxContainerRuntime start-to-exit of `true` (in process, {runs} runs): min {times[0]:F1} ms, median {times[times.Count / 2]:F1} ms, mean {times.Average():F1} ms, max {times[^1]:F1} ms"));
return 0;

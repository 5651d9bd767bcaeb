using Drydock.Core.Locking;
using Drydock.TestKit;

namespace Drydock.Core.Tests.Locking;

public sealed class FileLockTests
{
    [Fact]
    public async Task Second_holder_waits_until_the_first_releases()
    {
        using var dir = new TempDir();
        string path = dir.Combine("x.lock");
        FileLock first = await FileLock.AcquireAsync(path);
        Assert.Null(FileLock.TryAcquire(path));
        Task<FileLock> second = FileLock.AcquireAsync(path).AsTask();
        await Task.Delay(50);
        Assert.False(second.IsCompleted);
        first.Dispose();
        using FileLock got = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(got);
    }

    [Fact]
    public async Task Lock_is_exclusive_across_processes()
    {
        using var dir = new TempDir();
        string path = dir.Combine("x.lock");
        File.WriteAllText(path, "");
        // flock(1) from util-linux holds the same kind of lock drydock takes
        var start = new System.Diagnostics.ProcessStartInfo("flock", ["-x", path, "sh", "-c", "echo locked; read line"])
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        using var holder = System.Diagnostics.Process.Start(start)!;
        Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync());
        Assert.Null(FileLock.TryAcquire(path));
        await holder.StandardInput.WriteLineAsync("done");
        await holder.WaitForExitAsync();
        using FileLock? got = FileLock.TryAcquire(path);
        Assert.NotNull(got);
    }
}

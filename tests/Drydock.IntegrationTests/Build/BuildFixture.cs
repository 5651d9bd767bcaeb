using Drydock.TestKit;

namespace Drydock.IntegrationTests.Build;

/// <summary>One store root per test class with the busybox base imported once; each test gets its own context directories.</summary>
public sealed class BuildFixture : IAsyncLifetime
{
    private readonly TempDir _dir = new("drydock-build");
    private int _contexts;

    internal DrydockCli Cli { get; private set; } = null!;

    public string Root => Path.Combine(_dir.Path, "root");

    public async Task InitializeAsync()
    {
        Cli = new DrydockCli(Root);
        if (Host.SkipReasonForPrivileged() is null) await BusyboxBase.ImportAsync(Cli, _dir.Path);
    }

    /// <summary>A fresh context directory holding the given files (path → content).</summary>
    public string Context(params (string Path, string Content)[] files)
    {
        string dir = Path.Combine(_dir.Path, "ctx-" + Interlocked.Increment(ref _contexts));
        Directory.CreateDirectory(dir);
        foreach (var (path, content) in files)
        {
            string full = Path.Combine(dir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
        return dir;
    }

    public string Scratch(string name)
    {
        string path = Path.Combine(_dir.Path, name + "-" + Interlocked.Increment(ref _contexts));
        return path;
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}

using System.Text;
using Drydock.Core;
using Drydock.TestKit;

namespace Drydock.Runtime.Tests;

/// <summary>Starts containers on overlays of a shared busybox root, each with its own upper dir.</summary>
public sealed class RuntimeFixture : IDisposable
{
    private readonly TempDir _work = new("drydock-runtime");

    public RuntimeFixture()
    {
        Runtime = new LinuxContainerRuntime(_work.Combine("state"));
    }

    public BusyboxRootfs Busybox { get; } = new();

    public LinuxContainerRuntime Runtime { get; }

    public string StateRoot => Runtime.StateRoot;

    public IReadOnlyList<Mount> Overlay()
    {
        string dir = _work.Combine("upper-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "upper"));
        Directory.CreateDirectory(Path.Combine(dir, "work"));
        return [Mount.Overlay([Busybox.Path], (Path.Combine(dir, "upper"), Path.Combine(dir, "work")))];
    }

    public ContainerSpec Spec(params string[] args) => new()
    {
        Id = "t" + Guid.NewGuid().ToString("N")[..12],
        RootMounts = Overlay(),
        Process = new ProcessSpec { Args = args, Env = ["PATH=/bin"] },
    };

    /// <summary>Runs to the end and returns (exit code, stdout, stderr).</summary>
    public async Task<(int Code, string Out, string Err)> RunAsync(ContainerSpec spec, CancellationToken cancellationToken = default)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var io = new ProcessIO
        {
            NullStdin = true,
            OnOutput = (data, isStderr) =>
            {
                lock (stdout) (isStderr ? stderr : stdout).Append(Encoding.UTF8.GetString(data.Span));
            },
        };
        await using IContainerProcess p = await Runtime.StartAsync(spec, io, cancellationToken);
        int code = await p.WaitAsync(cancellationToken);
        lock (stdout) return (code, stdout.ToString(), stderr.ToString());
    }

    public Task<(int Code, string Out, string Err)> ShAsync(string script) => RunAsync(Spec("sh", "-c", script));

    public void Dispose()
    {
        Busybox.Dispose();
        _work.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class RuntimeCollection : ICollectionFixture<RuntimeFixture>
{
    public const string Name = "runtime";
}

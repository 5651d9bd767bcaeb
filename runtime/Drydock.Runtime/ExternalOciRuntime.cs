using Drydock.Core;
using Drydock.Runtime.Linux;
using Drydock.Runtime.Oci;

namespace Drydock.Runtime;

/// <summary>
/// Runs containers with another OCI runtime (runc, crun: `drydock run --runtime PATH`). It writes a bundle from
/// the spec (<see cref="OciSpecBuilder"/>), mounts the root filesystem on the bundle's rootfs in a private mount
/// namespace, and there calls `PATH --root STATE run --bundle BUNDLE ID`; the runtime's exit code is the container's.
/// </summary>
public sealed class ExternalOciRuntime : IContainerRuntime
{
    private readonly LinuxContainerRuntime _helper;

    /// <param name="path">The runtime binary (a path, or a name looked up on PATH).</param>
    /// <param name="stateRoot">Bundles and the runtime's own --root; default /run/drydock/external.</param>
    public ExternalOciRuntime(string path, string? stateRoot = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = Resolve(path);
        StateRoot = stateRoot ?? "/run/drydock/external";
        _helper = new LinuxContainerRuntime(System.IO.Path.Combine(StateRoot, "helpers"));
    }

    public string Path { get; }

    public string StateRoot { get; }

    public async ValueTask<IContainerProcess> StartAsync(ContainerSpec spec, ProcessIO io, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(io);
        if (io.ConsoleSocket is not null) throw new DrydockException(ErrorKind.Unsupported, "a console socket with an external runtime is not supported");
        LinuxContainerRuntime.ValidateId(spec.Id);
        string bundle = System.IO.Path.Combine(StateRoot, "bundles", spec.Id);
        OciConfig config = OciSpecBuilder.FromContainerSpec(spec, File.Exists(_helper.InitPath) ? _helper.InitPath : null);
        if (spec.RootMounts.Any(m => m.IsReadOnly)) config = config with { Root = config.Root! with { Readonly = true } };
        Directory.CreateDirectory(System.IO.Path.Combine(bundle, "rootfs"));
        try
        {
            await OciBundle.WriteConfigAsync(bundle, config, cancellationToken).ConfigureAwait(false);
            string[] args = [Path, "--root", System.IO.Path.Combine(StateRoot, "state"), "run", "--bundle", bundle, spec.Id];
            string[] env = [$"PATH={Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin"}"];
            IContainerProcess process = await _helper.StartHelperAsync(spec.Id, spec.RootMounts, System.IO.Path.Combine(bundle, "rootfs"), args, env, io, cancellationToken).ConfigureAwait(false);
            return new BundleCleanup(process, bundle);
        }
        catch
        {
            TryDelete(bundle);
            throw;
        }
    }

    private static string Resolve(string path)
    {
        if (path.Contains('/', StringComparison.Ordinal)) return System.IO.Path.GetFullPath(path);
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin").Split(':'))
        {
            string candidate = System.IO.Path.Combine(dir, path);
            if (File.Exists(candidate)) return candidate;
        }
        throw new DrydockException(ErrorKind.NotFound, $"OCI runtime '{path}' was not found on PATH");
    }

    internal static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Removes the bundle once the runtime has exited.</summary>
    private sealed class BundleCleanup(IContainerProcess inner, string bundle) : IContainerProcess
    {
        public int Pid => inner.Pid;

        public async Task<int> WaitAsync(CancellationToken cancellationToken = default)
        {
            int code = await inner.WaitAsync(cancellationToken).ConfigureAwait(false);
            TryDelete(bundle);
            return code;
        }

        public void Signal(int signal) => inner.Signal(signal);

        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            TryDelete(bundle);
        }
    }
}

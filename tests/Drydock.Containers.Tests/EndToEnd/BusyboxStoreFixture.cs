using Drydock.Core;
using Drydock.Core.Oci;
using Drydock.TestKit;

namespace Drydock.Containers.Tests.EndToEnd;

/// <summary>A store with the busybox image (Env FOO=from-image, WorkingDir /srv, Cmd sh), shared by a test class.</summary>
public sealed class BusyboxStoreFixture : IAsyncLifetime
{
    private readonly TempDir _dir = new("drydock-containers");

    internal DrydockCli Cli { get; private set; } = null!;

    public DrydockRoot Root => new(_dir.Combine("root"));

    public async Task InitializeAsync()
    {
        Cli = new DrydockCli(Root.Path);
        if (Host.SkipReasonForPrivileged() is not null) return;
        await BusyboxImage.CreateAsync(Root, "busybox", new ContainerConfig
        {
            Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "FOO=from-image"],
            WorkingDir = "/srv",
            Cmd = ["sh"],
        });
    }

    public async Task DisposeAsync()
    {
        // remove what the tests left (a failed test may leave a container running)
        if (File.Exists(DrydockCli.Executable) && Directory.Exists(Root.Containers))
        {
            DrydockCli.Result ids = await Cli.RunAsync("ps", "-a", "-q", "--no-trunc");
            foreach (string id in ids.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)) await Cli.RunAsync("rm", "-f", id);
        }
        _dir.Dispose();
    }
}

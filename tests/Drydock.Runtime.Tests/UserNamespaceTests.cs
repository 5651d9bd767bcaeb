using System.Text;
using Drydock.Runtime.Oci;
using Drydock.TestKit;

namespace Drydock.Runtime.Tests;

[Collection(RuntimeCollection.Name)]
public sealed class UserNamespaceTests(RuntimeFixture fx)
{
    [PrivilegedFact]
    public async Task User_namespace_maps_root_to_an_unprivileged_host_range()
    {
        ContainerSpec spec = fx.Spec("sh", "-c", "cat /proc/self/uid_map /proc/self/gid_map; id -u");
        OciConfig config = OciSpecBuilder.FromContainerSpec(spec);
        config = config with
        {
            Linux = config.Linux! with
            {
                Namespaces = [.. config.Linux!.Namespaces!, new OciNamespace("user")],
                UidMappings = [new OciIdMapping(0, 100000, 65536)],
                GidMappings = [new OciIdMapping(0, 100000, 65536)],
            },
        };
        var output = new StringBuilder();
        var io = new ProcessIO { NullStdin = true, OnOutput = (d, _) => { lock (output) output.Append(Encoding.UTF8.GetString(d.Span)); } };
        await using IContainerProcess p = await fx.Runtime.StartAsync(spec.Id, config, spec.RootMounts, io);
        Assert.Equal(0, await p.WaitAsync());
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("0 100000 65536", string.Join(' ', lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("0 100000 65536", string.Join(' ', lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("0", lines[2]);
    }
}

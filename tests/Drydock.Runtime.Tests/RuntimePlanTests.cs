using Drydock.Core;
using Drydock.Runtime.Linux;
using Drydock.Runtime.Oci;

namespace Drydock.Runtime.Tests;

/// <summary>The plan is data: its order, flags and refusals are checked without root.</summary>
public sealed class RuntimePlanTests
{
    private static ContainerSpec Spec() => new()
    {
        Id = "plan",
        RootMounts = [Mount.Overlay(["/l2", "/l1"], ("/u", "/w"))],
        Process = new ProcessSpec { Args = ["sh", "-c", "true"], Env = ["PATH=/bin"] },
    };

    private static List<string> Plan(OciConfig config, LaunchRequest? request = null)
        => [.. RuntimePlan.From(request ?? new LaunchRequest("plan", config, Spec().RootMounts, "/state/plan/rootfs")).Tokens];

    private static int IndexOf(List<string> tokens, params string[] sequence)
    {
        for (int i = 0; i + sequence.Length <= tokens.Count; i++)
            if (tokens.Skip(i).Take(sequence.Length).SequenceEqual(sequence)) return i;
        return -1;
    }

    [Fact]
    public void Root_is_mounted_first_then_mounts_in_order_then_pivot_then_masks_then_identity_then_exec()
    {
        List<string> t = Plan(OciSpecBuilder.FromContainerSpec(Spec()));
        int root = IndexOf(t, "mountroot", "overlay", "overlay");
        int proc = IndexOf(t, "mount", "proc", "/proc", "proc");
        int dev = IndexOf(t, "mount", "tmpfs", "/dev", "tmpfs");
        int pts = IndexOf(t, "mount", "devpts", "/dev/pts", "devpts");
        int pivot = t.IndexOf("pivot");
        int mask = t.IndexOf("mask");
        int identity = t.IndexOf("identity");
        int exec = t.IndexOf("exec");
        Assert.True(0 < root && root < proc && proc < dev && dev < pts && pts < pivot && pivot < mask && mask < identity && identity < exec,
            string.Join(' ', t));
        Assert.Contains("lowerdir=/l2:/l1,upperdir=/u,workdir=/w", t);
    }

    [Fact]
    public void Namespaces_are_clone_flags_and_network_none_brings_loopback_up()
    {
        List<string> t = Plan(OciSpecBuilder.FromContainerSpec(Spec()));
        ulong flags = ulong.Parse(t[t.IndexOf("clone") + 1]);
        Assert.Equal(RuntimePlan.CLONE_NEWNS | RuntimePlan.CLONE_NEWPID | RuntimePlan.CLONE_NEWIPC | RuntimePlan.CLONE_NEWUTS | RuntimePlan.CLONE_NEWNET, flags);
        Assert.Contains("loopback", t);
        List<string> host = Plan(OciSpecBuilder.FromContainerSpec(Spec() with { Network = NetworkMode.Host }));
        Assert.Equal(0UL, ulong.Parse(host[host.IndexOf("clone") + 1]) & RuntimePlan.CLONE_NEWNET);
        Assert.DoesNotContain("loopback", host);
    }

    [Fact]
    public void Bind_mount_options_become_flags_and_propagation()
    {
        MountOptions o = MountOptions.Parse("bind", ["rbind", "ro", "nosuid", "rprivate"], "/data");
        Assert.True(o.Bind);
        Assert.Equal(MountOptions.MS_BIND | MountOptions.MS_REC | MountOptions.MS_RDONLY | MountOptions.MS_NOSUID, o.Flags);
        Assert.Equal(MountOptions.MS_PRIVATE | MountOptions.MS_REC, o.Propagation);
        Assert.Equal("", o.Data);
        MountOptions tmpfs = MountOptions.Parse("tmpfs", ["nosuid", "mode=755", "size=65536k"], "/dev");
        Assert.Equal("mode=755,size=65536k", tmpfs.Data);
        Assert.False(tmpfs.Bind);
    }

    [Fact]
    public void User_namespace_writes_id_maps_before_the_child_runs()
    {
        OciConfig config = OciSpecBuilder.FromContainerSpec(Spec());
        config = config with
        {
            Linux = config.Linux! with
            {
                Namespaces = [.. config.Linux!.Namespaces!, new OciNamespace("user")],
                UidMappings = [new OciIdMapping(0, 100000, 65536)],
                GidMappings = [new OciIdMapping(0, 200000, 1000), new OciIdMapping(1000, 300000, 1)],
            },
        };
        List<string> t = Plan(config);
        Assert.Equal(["premount", "/state/plan/rootfs", "mountroot"], t.Take(3));
        Assert.True(IndexOf(t, "uidmap", "0 100000 65536\n") < t.IndexOf("child"));
        Assert.True(IndexOf(t, "gidmap", "0 200000 1000\n1000 300000 1\n") < t.IndexOf("child"));
    }

    [Fact]
    public void Ambient_capabilities_are_made_inheritable()
    {
        OciConfig config = OciSpecBuilder.FromContainerSpec(Spec());
        config = config with { Process = config.Process! with { Capabilities = new OciCapabilities { Permitted = ["CAP_KILL"], Bounding = ["CAP_KILL"], Ambient = ["CAP_KILL"] } } };
        List<string> t = Plan(config);
        int i = t.IndexOf("identity");
        // identity uid gid ngroups, then bounding effective permitted inheritable ambient
        Assert.Equal(["32", "0", "32", "32", "32"], t.Skip(i + 4).Take(5));
    }

    [Theory]
    [InlineData("seccomp")]
    [InlineData("hooks")]
    [InlineData("namespace-path")]
    [InlineData("blockio")]
    [InlineData("username")]
    public void Fields_that_cannot_be_honoured_are_errors(string field)
    {
        OciConfig config = OciSpecBuilder.FromContainerSpec(Spec());
        config = field switch
        {
            "seccomp" => config with { Linux = config.Linux! with { Seccomp = new object() } },
            "hooks" => config with { Hooks = new OciHooks { Prestart = [new object()] } },
            "namespace-path" => config with { Linux = config.Linux! with { Namespaces = [new OciNamespace("mount"), new OciNamespace("network", "/proc/1/ns/net")] } },
            "blockio" => config with { Linux = config.Linux! with { Resources = new OciResources { BlockIO = new object() } } },
            _ => config with { Process = config.Process! with { User = new OciUser { Username = "x" } } },
        };
        DrydockException e = Assert.ThrowsAny<DrydockException>(() =>
        {
            Plan(config);
            Linux.Cgroups.CgroupLimits.From(config.Linux?.Resources, Linux.Cgroups.CgroupHost.Read([], []));
        });
        Assert.Contains("not supported", e.Message);
    }

    [Fact]
    public void Init_runs_the_process_under_drydock_init()
    {
        OciConfig config = OciSpecBuilder.FromContainerSpec(Spec() with { Init = true }, initPath: "/opt/drydock/drydock-init");
        Assert.Equal(["/dev/init", "--", "sh", "-c", "true"], config.Process!.Args);
        Assert.Contains(config.Mounts!, m => m.Destination == "/dev/init" && m.Source == "/opt/drydock/drydock-init");
        Assert.Throws<DrydockException>(() => OciSpecBuilder.FromContainerSpec(Spec() with { Init = true }));
    }

    [Fact]
    public void Docker_defaults_are_applied()
    {
        OciConfig config = OciSpecBuilder.FromContainerSpec(Spec() with { Resources = new ResourceLimits { MemoryBytes = 1 << 20, Cpus = 1.5, PidsLimit = 10 } });
        Assert.Equal(14, config.Process!.Capabilities!.Effective!.Count);
        Assert.Contains("/proc/kcore", config.Linux!.MaskedPaths!);
        Assert.Contains("/proc/sys", config.Linux!.ReadonlyPaths!);
        Assert.Equal(150000, config.Linux!.Resources!.Cpu!.Quota);
        Assert.Equal(10, config.Linux!.Resources!.Pids!.Limit);
        Assert.Equal("plan", config.Hostname);
        OciConfig privileged = OciSpecBuilder.FromContainerSpec(Spec() with { Privileged = true });
        Assert.Null(privileged.Linux!.MaskedPaths);
        Assert.Equal(Capabilities.All.Count, privileged.Process!.Capabilities!.Bounding!.Count);
    }
}

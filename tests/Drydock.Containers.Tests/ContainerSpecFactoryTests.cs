using Drydock.Containers.Spec;
using Drydock.Core;
using Drydock.Core.Oci;
using Drydock.Runtime;
using Drydock.TestKit;

namespace Drydock.Containers.Tests;

public sealed class ContainerSpecFactoryTests : IDisposable
{
    private const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly TempDir _root = new();

    public ContainerSpecFactoryTests()
    {
        Directory.CreateDirectory(_root.Combine("bin"));
        Directory.CreateDirectory(_root.Combine("etc"));
        foreach (string tool in new[] { "sh", "echo", "app" })
        {
            File.WriteAllText(_root.Combine("bin", tool), "");
            File.SetUnixFileMode(_root.Combine("bin", tool), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        File.WriteAllText(_root.Combine("bin", "data"), "");
        File.WriteAllText(_root.Combine("etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\nweb:x:33:33::/var/www:/bin/sh\n");
        File.WriteAllText(_root.Combine("etc", "group"), "root:x:0:\nweb:x:33:\nlog:x:4:web\n");
    }

    public void Dispose() => _root.Dispose();

    private Task<ContainerSpec> BuildAsync(ContainerConfig? image, RunOptions options, Func<string, string?>? callerEnv = null)
        => ContainerSpecFactory.BuildAsync(Id, image, options, [Mount.Bind(_root.Path, readOnly: false)], callerEnv ?? (_ => null), CancellationToken.None).AsTask();

    private static RunOptions Run(params string[] command) => new() { Image = "img", Command = command };

    [Fact]
    public void Entrypoint_and_cmd_follow_dockers_rules()
    {
        var image = new ContainerConfig { Entrypoint = ["/bin/app"], Cmd = ["--serve"] };
        Assert.Equal(["/bin/app", "--serve"], ContainerSpecFactory.Args(image, Run()));
        Assert.Equal(["/bin/app", "--once"], ContainerSpecFactory.Args(image, Run("--once")));
        // --entrypoint resets the image's Cmd
        Assert.Equal(["/bin/sh"], ContainerSpecFactory.Args(image, Run() with { Entrypoint = "/bin/sh" }));
        Assert.Equal(["echo", "hi"], ContainerSpecFactory.Args(image, Run("echo", "hi") with { Entrypoint = "" }));
        var e = Assert.Throws<ContainerExitException>(() => ContainerSpecFactory.Args(new ContainerConfig(), Run()));
        Assert.Equal((125, "No command specified"), (e.ExitCode, e.Message));
    }

    [Fact]
    public async Task Env_merges_image_file_and_flags_with_docker_defaults()
    {
        string envFile = _root.Combine("env.list");
        File.WriteAllLines(envFile, ["# comment", "", "FROM_FILE=1", "B=file", "PASSED"]);
        var image = new ContainerConfig { Env = ["PATH=/bin", "A=image", "B=image"], Cmd = ["sh"] };
        ContainerSpec spec = await BuildAsync(image, Run() with { EnvFiles = [envFile], Env = ["A=flag", "MISSING", "HOSTVAR"] },
            name => name switch { "HOSTVAR" => "from-host", "PASSED" => "p", _ => null });
        Assert.Equal(["PATH=/bin", "HOSTNAME=" + Id[..12], "A=flag", "B=file", "FROM_FILE=1", "PASSED=p", "HOSTVAR=from-host", "HOME=/root"], spec.Process.Env);
    }

    [Fact]
    public async Task Defaults_are_dockers_path_hostname_root_and_slash()
    {
        ContainerSpec spec = await BuildAsync(null, Run("echo"));
        Assert.Contains(EnvBuilder.DefaultPath, spec.Process.Env);
        Assert.Equal(Id[..12], spec.Hostname);
        Assert.Equal("/", spec.Process.Cwd);
        Assert.Equal((0u, 0u), (spec.Process.Uid, spec.Process.Gid));
        Assert.Null(spec.Process.Capabilities);
        Assert.Equal(NetworkMode.None, spec.Network);
    }

    [Fact]
    public async Task User_workdir_and_tty_apply()
    {
        var image = new ContainerConfig { User = "root", WorkingDir = "/srv", Cmd = ["sh"] };
        ContainerSpec spec = await BuildAsync(image, Run() with { User = "web", WorkingDir = "/tmp", Tty = true });
        Assert.Equal((33u, 33u), (spec.Process.Uid, spec.Process.Gid));
        Assert.Equal([4u], spec.Process.AdditionalGids);
        Assert.Contains("HOME=/var/www", spec.Process.Env);
        Assert.Contains("TERM=xterm", spec.Process.Env);
        Assert.Equal("/tmp", spec.Process.Cwd);
        Assert.True(spec.Process.Terminal);
        Assert.Equal("/srv", (await BuildAsync(image, Run())).Process.Cwd);
    }

    [Fact]
    public async Task Unknown_user_is_a_125()
    {
        var e = await Assert.ThrowsAsync<ContainerExitException>(() => BuildAsync(null, Run("sh") with { User = "nobody" }));
        Assert.Equal(125, e.ExitCode);
    }

    [Fact]
    public async Task Missing_command_is_127_and_non_executable_is_126()
    {
        var notFound = await Assert.ThrowsAsync<ContainerExitException>(() => BuildAsync(null, Run("nope")));
        Assert.Equal((127, "executable file not found in $PATH: \"nope\""), (notFound.ExitCode, notFound.Message));
        var noPath = await Assert.ThrowsAsync<ContainerExitException>(() => BuildAsync(null, Run("/bin/nope")));
        Assert.Equal(127, noPath.ExitCode);
        var notExec = await Assert.ThrowsAsync<ContainerExitException>(() => BuildAsync(null, Run("/bin/data")));
        Assert.Equal(126, notExec.ExitCode);
        var dir = await Assert.ThrowsAsync<ContainerExitException>(() => BuildAsync(null, Run("/etc")));
        Assert.Equal(126, dir.ExitCode);
    }

    [Fact]
    public async Task Volumes_tmpfs_limits_and_caps_reach_the_spec()
    {
        string host = _root.Combine("host-data");
        ContainerSpec spec = await BuildAsync(null, Run("sh") with
        {
            Volumes = [host + ":/data:ro"],
            Tmpfs = ["/scratch:size=1m"],
            MemoryBytes = 1 << 20,
            PidsLimit = 10,
            ReadOnly = true,
            CapDrop = ["ALL"],
            CapAdd = ["net_admin"],
            Network = NetworkMode.Host,
        });
        Assert.True(Directory.Exists(host));
        Assert.Equal(new ContainerMount("/data", Mount.Bind(host, readOnly: true)).Target, spec.Mounts[0].Target);
        Assert.True(spec.Mounts[0].Mount.IsReadOnly);
        Assert.Equal(["noexec", "nosuid", "nodev", "size=1m"], spec.Mounts[1].Mount.Options.ToArray());
        Assert.Equal((1L << 20, 10L), (spec.Resources.MemoryBytes!.Value, spec.Resources.PidsLimit!.Value));
        Assert.True(spec.ReadOnlyRoot);
        Assert.Equal(["CAP_NET_ADMIN"], spec.Process.Capabilities);
        Assert.Equal(Environment.MachineName, spec.Hostname);
    }

    [Theory]
    [InlineData("data:/data")]
    [InlineData("/a:rel")]
    [InlineData("/a:/b:z")]
    [InlineData("/a")]
    public void Bad_volume_specs_are_refused(string spec)
        => Assert.Throws<ContainerExitException>(() => ContainerSpecFactory.BindMount(spec));

    [Fact]
    public async Task Relative_workdir_is_refused()
        => await Assert.ThrowsAsync<ContainerExitException>(() => BuildAsync(null, Run("sh") with { WorkingDir = "rel" }));
}

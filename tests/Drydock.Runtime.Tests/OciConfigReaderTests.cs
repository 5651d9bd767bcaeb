using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Drydock.Core;
using Drydock.Runtime.Oci;
using Drydock.TestKit;

namespace Drydock.Runtime.Tests;

public sealed class OciConfigReaderTests
{
    [Fact]
    public void Runcs_default_spec_is_read()
    {
        if (Host.Which("runc") is not { } runc) return;
        using var dir = new TempDir();
        var p = Process.Start(new ProcessStartInfo(runc, ["spec"]) { WorkingDirectory = dir.Path })!;
        p.WaitForExit();
        OciConfig config = OciBundle.ReadConfig(dir.Path);
        Assert.Equal(["sh"], config.Process!.Args);
        Assert.Equal("rootfs", config.Root!.Path);
        Assert.Contains(config.Mounts!, m => m.Destination == "/dev/pts" && m.Type == "devpts");
        Assert.Contains(config.Linux!.Namespaces!, n => n.Type == "mount");
        Assert.Equal("RLIMIT_NOFILE", config.Process.Rlimits![0].Type);
    }

    [Fact]
    public void Unknown_field_is_an_error_naming_its_path()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Combine("config.json"), """{"ociVersion":"1.2.0","linux":{"namespaces":[],"frobnicate":true}}""");
        DrydockException e = Assert.Throws<DrydockException>(() => OciBundle.ReadConfig(dir.Path));
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("config.json", e.Message);
        Assert.Contains("unknown field 'linux.frobnicate'", e.Message);
    }

    [Fact]
    public void Malformed_json_names_the_line()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.Combine("config.json"), "{\n\"ociVersion\": \"1.2.0\",\n\"process\": {\n}}}");
        DrydockException e = Assert.Throws<DrydockException>(() => OciBundle.ReadConfig(dir.Path));
        Assert.True(e.Message.Contains("config.json:4", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public async Task What_the_spec_builder_writes_reads_back_the_same()
    {
        var spec = new ContainerSpec
        {
            Id = "roundtrip",
            RootMounts = [Mount.Bind("/x", readOnly: false)],
            Process = new ProcessSpec { Args = ["a", "b"], Env = ["A=1"], Uid = 5, Gid = 6, AdditionalGids = [7], Umask = 18, Terminal = true },
            Mounts = [new ContainerMount("/data", Mount.Bind("/tmp", readOnly: true))],
            Resources = new ResourceLimits { MemoryBytes = 1 << 24, Cpus = 0.5, CpuShares = 512, PidsLimit = 9 },
            Hostname = "h",
        };
        OciConfig config = OciSpecBuilder.FromContainerSpec(spec);
        using var dir = new TempDir();
        await OciBundle.WriteConfigAsync(dir.Path, config);
        OciConfig read = OciBundle.ReadConfig(dir.Path);
        Assert.Equal(JsonSerializer.Serialize(config, OciRuntimeJsonContext.Default.OciConfig), JsonSerializer.Serialize(read, OciRuntimeJsonContext.Default.OciConfig));
        Assert.Contains("\"containerID\"", Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(
            new OciConfig { Linux = new OciLinux { UidMappings = [new OciIdMapping(0, 1, 2)] } }, OciRuntimeJsonContext.Default.OciConfig)));
    }
}

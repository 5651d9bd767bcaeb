using System.Text;
using Drydock.TestKit;

namespace Drydock.Runtime.Tests;

/// <summary>The same spec under runc (through <see cref="ExternalOciRuntime"/>) and under Drydock's runtime gives the same results.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class RuncParityTests(RuntimeFixture fx)
{
    [PrivilegedTheory]
    [InlineData("id; echo $$; hostname")]
    [InlineData("grep -E '^(CapEff|CapBnd|CapPrm|NoNewPrivs)' /proc/self/status")]
    [InlineData("ls /dev | sort; ls -ln /dev/null /dev/zero /dev/full /dev/random /dev/urandom /dev/tty | awk '{print $1, $3, $4, $5, $6}'")]
    [InlineData("awk '{print $2, $3}' /proc/self/mounts | sort")]
    [InlineData("ls /sys/class/net; cat /proc/self/limits | grep 'open files'")]
    [InlineData("wc -c < /proc/interrupts; echo 1 > /proc/sysrq-trigger 2>&1 | sed 's/.*: //'; exit 3")]
    public async Task Runc_and_drydock_agree(string script)
    {
        using var state = new TempDir("drydock-runc");
        var runc = new ExternalOciRuntime("runc", state.Path);
        ContainerSpec spec = fx.Spec("sh", "-c", script) with { Hostname = "parity" };
        var ours = await fx.RunAsync(spec);
        var theirs = await RunAsync(runc, spec with { Id = spec.Id + "r", RootMounts = fx.Overlay() });
        Assert.Equal(theirs, ours);
    }

    [PrivilegedFact]
    public async Task Runc_reports_the_exit_code_through_the_external_runtime()
    {
        using var state = new TempDir("drydock-runc");
        var runc = new ExternalOciRuntime("runc", state.Path);
        var (code, output, _) = await RunAsync(runc, fx.Spec("sh", "-c", "echo hi; exit 9"));
        Assert.Equal((9, "hi\n"), (code, output));
        Assert.Empty(Directory.GetDirectories(Path.Combine(state.Path, "bundles")));
    }

    private static async Task<(int, string, string)> RunAsync(IContainerRuntime runtime, ContainerSpec spec)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var io = new ProcessIO { NullStdin = true, OnOutput = (d, err) => { lock (stdout) (err ? stderr : stdout).Append(Encoding.UTF8.GetString(d.Span)); } };
        await using IContainerProcess p = await runtime.StartAsync(spec, io);
        int code = await p.WaitAsync();
        await Task.Delay(50);
        lock (stdout) return (code, stdout.ToString(), stderr.ToString());
    }
}

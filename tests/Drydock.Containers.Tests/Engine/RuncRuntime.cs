using System.Diagnostics;
using System.Text.Json.Nodes;
using Drydock.Runtime;

namespace Drydock.Containers.Tests.Engine;

/// <summary>
/// Runs a <see cref="ContainerSpec"/> with the machine's runc (a real OCI runtime), so the engine's flows are
/// tested against real containers in this project on their own. The root must be one bind mount of a directory.
/// </summary>
internal sealed class RuncRuntime(string stateDir) : IContainerRuntime
{
    public async ValueTask<IContainerProcess> StartAsync(ContainerSpec spec, ProcessIO io, CancellationToken cancellationToken = default)
    {
        string bundle = Path.Combine(stateDir, spec.Id);
        Directory.CreateDirectory(bundle);
        await File.WriteAllTextAsync(Path.Combine(bundle, "config.json"), Config(spec).ToJsonString(), cancellationToken);
        var start = new ProcessStartInfo("runc") { UseShellExecute = false, RedirectStandardInput = io.NullStdin };
        bool capture = io.OnOutput is not null;
        start.RedirectStandardOutput = start.RedirectStandardError = capture;
        foreach (string a in (string[])["--root", Path.Combine(stateDir, "runc"), "run", "--pid-file", Path.Combine(bundle, "pid"), "--bundle", bundle, spec.Id]) start.ArgumentList.Add(a);
        Process runc = Process.Start(start)!;
        if (io.NullStdin) runc.StandardInput.Close();
        Task pump = capture ? Task.WhenAll(PumpAsync(runc.StandardOutput.BaseStream, false, io.OnOutput!), PumpAsync(runc.StandardError.BaseStream, true, io.OnOutput!)) : Task.CompletedTask;
        int pid = await WaitForPidAsync(Path.Combine(bundle, "pid"), runc, cancellationToken);
        return new RuncProcess(runc, pid, pump);
    }

    private static async Task PumpAsync(Stream s, bool isStderr, Action<ReadOnlyMemory<byte>, bool> onOutput)
    {
        byte[] buffer = new byte[4096];
        int n;
        while ((n = await s.ReadAsync(buffer)) > 0) onOutput(buffer.AsMemory(0, n), isStderr);
    }

    // runc writes the pid file once the process exists, before it execs, and leaves it behind when the container exits
    private static async Task<int> WaitForPidAsync(string pidFile, Process runc, CancellationToken cancellationToken)
    {
        while (true)
        {
            bool exited = runc.HasExited;
            if (int.TryParse(await TryReadAsync(pidFile), out int pid) && pid > 0)
            {
                // signals sent before the exec would hit runc's init: wait until the process is the container's
                if (exited || !(await TryReadAsync($"/proc/{pid}/comm")).StartsWith("runc", StringComparison.Ordinal)) return pid;
            }
            else if (exited)
            {
                throw new Drydock.Core.DrydockException(Drydock.Core.ErrorKind.NotFound, $"runc could not start the container (exit {runc.ExitCode})");
            }
            await Task.Delay(2, cancellationToken);
        }
    }

    private static async Task<string> TryReadAsync(string path)
    {
        try
        {
            return await File.ReadAllTextAsync(path);
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static JsonObject Config(ContainerSpec spec)
    {
        var mounts = new JsonArray
        {
            Mount("/proc", "proc", "proc"),
            Mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
            Mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"),
            Mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k"),
            Mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"),
        };
        foreach (ContainerMount m in spec.Mounts) mounts.Add(Mount(m.Target, m.Mount.Type, m.Mount.Source, [.. m.Mount.Options]));
        var namespaces = new JsonArray(Ns("pid"), Ns("ipc"), Ns("uts"), Ns("mount"));
        if (spec.Network == NetworkMode.None) namespaces.Add(Ns("network"));
        var resources = new JsonObject();
        if (spec.Resources.MemoryBytes is { } mem) resources["memory"] = new JsonObject { ["limit"] = mem };
        if (spec.Resources.PidsLimit is { } pids) resources["pids"] = new JsonObject { ["limit"] = pids };
        JsonArray caps = new([.. (spec.Process.Capabilities ?? Spec.Capabilities.Default).Select(c => (JsonNode)c)]);
        return new JsonObject
        {
            ["ociVersion"] = "1.0.2",
            ["root"] = new JsonObject { ["path"] = spec.RootMounts[0].Source, ["readonly"] = spec.ReadOnlyRoot },
            ["hostname"] = spec.Hostname,
            ["process"] = new JsonObject
            {
                ["args"] = new JsonArray([.. spec.Process.Args.Select(a => (JsonNode)a)]),
                ["env"] = new JsonArray([.. spec.Process.Env.Select(a => (JsonNode)a)]),
                ["cwd"] = spec.Process.Cwd,
                ["user"] = new JsonObject { ["uid"] = spec.Process.Uid, ["gid"] = spec.Process.Gid, ["additionalGids"] = new JsonArray([.. spec.Process.AdditionalGids.Select(g => (JsonNode)g)]) },
                ["capabilities"] = new JsonObject { ["bounding"] = caps.DeepClone(), ["effective"] = caps.DeepClone(), ["permitted"] = caps },
            },
            ["mounts"] = mounts,
            ["linux"] = new JsonObject { ["namespaces"] = namespaces, ["resources"] = resources },
        };
    }

    private static JsonObject Mount(string destination, string type, string source, params string[] options)
        => new() { ["destination"] = destination, ["type"] = type, ["source"] = source, ["options"] = new JsonArray([.. options.Select(o => (JsonNode)o)]) };

    private static JsonObject Ns(string type) => new() { ["type"] = type };

    private sealed class RuncProcess(Process runc, int pid, Task pump) : IContainerProcess
    {
        public int Pid => pid;

        public async Task<int> WaitAsync(CancellationToken cancellationToken = default)
        {
            await runc.WaitForExitAsync(cancellationToken);
            await pump;
            return runc.ExitCode;
        }

        public void Signal(int signal)
        {
            using Process kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        public async ValueTask DisposeAsync()
        {
            if (!runc.HasExited)
            {
                Signal(9);
                await runc.WaitForExitAsync();
            }
            runc.Dispose();
        }
    }
}

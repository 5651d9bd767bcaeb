using System.Diagnostics;
using System.Text.Json;
using Drydock.TestKit;

namespace Drydock.Runtime.Tests;

/// <summary>drydock-runtime with runc's command shape, driven as a separate process on a bundle.</summary>
[Collection(RuntimeCollection.Name)]
public sealed class RuntimeCliTests(RuntimeFixture fx) : IDisposable
{
    private readonly TempDir _dir = new("drydock-cli");

    private string Root => _dir.Combine("root");

    private string Bundle(params string[] args)
    {
        string bundle = _dir.Combine("bundle-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(bundle);
        // a bind of the shared busybox root, read-only: runc's default spec shape
        string argsJson = JsonSerializer.Serialize(args);
        File.WriteAllText(Path.Combine(bundle, "config.json"), $$$"""
            {"ociVersion":"1.2.0","root":{"path":"{{{fx.Busybox.Path}}}","readonly":true},"hostname":"cli",
             "process":{"args":{{{argsJson}}},"env":["PATH=/bin"],"cwd":"/","user":{"uid":0,"gid":0},
               "capabilities":{"bounding":["CAP_KILL"],"effective":["CAP_KILL"],"permitted":["CAP_KILL"]},"noNewPrivileges":true},
             "mounts":[{"destination":"/proc","type":"proc","source":"proc"},
                       {"destination":"/dev","type":"tmpfs","source":"tmpfs","options":["nosuid","strictatime","mode=755","size=65536k"]}],
             "linux":{"namespaces":[{"type":"pid"},{"type":"mount"},{"type":"uts"},{"type":"ipc"},{"type":"network"}],
               "maskedPaths":["/proc/kcore"],"readonlyPaths":["/proc/sys"]}}
            """);
        return bundle;
    }

    private (int Code, string Out, string Err) Cli(params string[] args)
    {
        // a created container keeps the stdio it was created with, as runc's does: not this test's pipes
        bool capture = args[0] != "create";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = capture, RedirectStandardError = capture };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "drydock-runtime.dll"));
        start.ArgumentList.Add("--root");
        start.ArgumentList.Add(Root);
        foreach (string a in args) start.ArgumentList.Add(a);
        using Process p = Process.Start(start)!;
        Task<string> stdout = capture ? p.StandardOutput.ReadToEndAsync() : Task.FromResult("");
        string stderr = capture ? p.StandardError.ReadToEnd() : "";
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    private string Status(string id) => JsonDocument.Parse(Cli("state", id).Out).RootElement.GetProperty("status").GetString()!;

    [PrivilegedFact]
    public void Run_returns_the_process_exit_code_and_output()
    {
        var (code, output, _) = Cli("run", "--bundle", Bundle("sh", "-c", "hostname; echo $$; exit 4"), "c-run");
        Assert.Equal(4, code);
        Assert.Equal("cli\n1\n", output);
        Assert.False(Directory.Exists(Path.Combine(Root, "c-run")));
    }

    [PrivilegedFact]
    public void Create_start_state_kill_delete_follow_the_runtime_spec_lifecycle()
    {
        string bundle = Bundle("sleep", "100");
        string pidFile = _dir.Combine("pid");
        Assert.Equal(0, Cli("create", "--bundle", bundle, "--pid-file", pidFile, "c-life").Code);
        int pid = int.Parse(File.ReadAllText(pidFile));
        JsonElement state = JsonDocument.Parse(Cli("state", "c-life").Out).RootElement;
        Assert.Equal("created", state.GetProperty("status").GetString());
        Assert.Equal(pid, state.GetProperty("pid").GetInt32());
        Assert.Equal(bundle, state.GetProperty("bundle").GetString());
        Assert.Equal("c-life", state.GetProperty("id").GetString());
        Assert.Equal(0, Cli("start", "c-life").Code);
        Assert.Equal("running", Status("c-life"));
        Assert.Contains("sleep", File.ReadAllText($"/proc/{pid}/cmdline"));
        Assert.Contains("c-life", Cli("list").Out);
        var refused = Cli("delete", "c-life");
        Assert.Equal(1, refused.Code);
        Assert.Contains("it is running", refused.Err);
        Assert.Equal(0, Cli("kill", "c-life", "KILL").Code);
        for (int i = 0; i < 200 && Status("c-life") != "stopped"; i++) Thread.Sleep(10);
        Assert.Equal("stopped", Status("c-life"));
        Assert.Equal(0, Cli("delete", "c-life").Code);
        var gone = Cli("state", "c-life");
        Assert.Equal(1, gone.Code);
        Assert.Contains("does not exist", gone.Err);
    }

    [PrivilegedFact]
    public void Unknown_config_field_is_a_one_line_error()
    {
        string bundle = Bundle("true");
        File.WriteAllText(Path.Combine(bundle, "config.json"), File.ReadAllText(Path.Combine(bundle, "config.json")).Replace("\"hostname\"", "\"hostnam\"", StringComparison.Ordinal));
        var (code, _, error) = Cli("run", "--bundle", bundle, "c-bad");
        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("unknown field 'hostnam'", error);
    }

    [PrivilegedFact]
    public void Missing_binary_reports_stage_and_errno()
    {
        var (code, _, error) = Cli("run", "--bundle", Bundle("/bin/nope"), "c-nope");
        Assert.Equal(1, code);
        Assert.Contains("exec: cannot execute '/bin/nope': ENOENT", error);
    }

    [PrivilegedFact]
    public void Usage_errors_exit_2()
    {
        Assert.Equal(2, Cli("frobnicate").Code);
        Assert.Equal(2, Cli("run", "--bogus").Code);
    }

    public void Dispose()
    {
        foreach (string id in (string[])["c-life"]) Cli("delete", "--force", id);
        _dir.Dispose();
    }
}

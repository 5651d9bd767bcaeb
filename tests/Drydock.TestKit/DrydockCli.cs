using System.Diagnostics;
using System.Text;

namespace Drydock.TestKit;

/// <summary>Runs the `drydock` binary against one store root, as a user would.</summary>
public sealed class DrydockCli(string root)
{
    /// <summary>
    /// The build's own binary next to the tests, or the one DRYDOCK_TEST_CLI names: CI runs the end-to-end tests
    /// a second time against the published, trimmed CLI, since trimming could drop what only the published binary lacks.
    /// </summary>
    public static string Executable => Environment.GetEnvironmentVariable("DRYDOCK_TEST_CLI") is { Length: > 0 } published
        ? published
        : Path.Combine(AppContext.BaseDirectory, "drydock");

    public string Root { get; } = root;

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
    }

    public async Task<Result> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    public async Task<Result> RunWithInputAsync(byte[]? stdin, params string[] args)
    {
        using Process p = StartWithInput(args);
        if (stdin is not null) await p.StandardInput.BaseStream.WriteAsync(stdin);
        p.StandardInput.Close();
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(timeout.Token);
        return new Result(p.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs and fails the test unless the exit code is 0, returning the result.</summary>
    public async Task<Result> OkAsync(params string[] args)
    {
        Result r = await RunAsync(args);
        return r.ExitCode == 0 ? r : throw new InvalidOperationException($"drydock {string.Join(' ', args)}\n{r}");
    }

    /// <summary>Starts drydock with no input and its output redirected; the caller reads and waits.</summary>
    public Process Start(params string[] args)
    {
        Process p = StartWithInput(args);
        p.StandardInput.Close();
        return p;
    }

    private Process StartWithInput(string[] args)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("--root");
        start.ArgumentList.Add(Root);
        foreach (string a in args) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }
}

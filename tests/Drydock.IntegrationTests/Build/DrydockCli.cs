using System.Diagnostics;
using System.Text;

namespace Drydock.IntegrationTests.Build;

/// <summary>Runs the built `drydock` binary against one store root, as a user would.</summary>
internal sealed class DrydockCli(string root)
{
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "drydock");

    public string Root { get; } = root;

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
    }

    public async Task<Result> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    public async Task<Result> RunWithInputAsync(byte[]? stdin, params string[] args)
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
        using Process p = Process.Start(start)!;
        if (stdin is not null) await p.StandardInput.BaseStream.WriteAsync(stdin);
        p.StandardInput.Close();
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(timeout.Token);
        return new Result(p.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs and asserts exit code 0, returning the result.</summary>
    public async Task<Result> OkAsync(params string[] args)
    {
        Result r = await RunAsync(args);
        Assert.True(r.ExitCode == 0, $"drydock {string.Join(' ', args)}\n{r}");
        return r;
    }
}

using System.Diagnostics;
using System.Text;

namespace Drydock.Containers.Tests.EndToEnd;

/// <summary>Runs the built `drydock` binary against one store, as a user would.</summary>
internal sealed class DrydockCli(string root)
{
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "drydock");

    public string Root { get; } = root;

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
    }

    public async Task<Result> RunAsync(params string[] args)
    {
        using Process p = Start(args);
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(timeout.Token);
        return new Result(p.ExitCode, await stdout, await stderr);
    }

    public Process Start(params string[] args)
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
        Process p = Process.Start(start)!;
        p.StandardInput.Close();
        return p;
    }
}

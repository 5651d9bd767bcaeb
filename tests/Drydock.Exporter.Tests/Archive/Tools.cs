using System.Diagnostics;

namespace Drydock.Exporter.Tests.Archive;

/// <summary>Runs skopeo, umoci and tar as a user would, failing the test with their stderr when they fail.</summary>
internal static class Tools
{
    public static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process p = Process.Start(start)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new Xunit.Sdk.XunitException($"{tool} {string.Join(' ', args)} exited with {p.ExitCode}: {await stderr}");
        return await stdout;
    }
}

using System.Text.Json;

namespace Drydock.Core;

/// <summary>
/// Runs on a second core, while the main thread parses its command line, the one-time set-up that both CLIs pay on
/// their start path and that ReadyToRun cannot precompile: the first JSON string read (System.Text.Json's reader
/// helpers build a char SearchValues whose generic-math code is JIT-compiled at every start, 3 ms of a 36 ms cached
/// build), the first file opened (its SafeFileHandle is made through reflection, 2 ms), the standard error and
/// output writers, and the default comparer of int (also made through reflection). Each is initialized once and
/// thread-safely, so the main thread either finds it done or waits for the part still running.
/// </summary>
public static class StartupWarmup
{
    public static void Start()
    {
        if (Environment.ProcessorCount < 2) return;
        new Thread(Warm) { IsBackground = true, Name = "startup warm-up" }.UnsafeStart();
    }

    private static void Warm()
    {
        try
        {
            if (Environment.ProcessPath is { } self) File.OpenHandle(self).Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        var reader = new Utf8JsonReader("\"\""u8);
        reader.Read();
        _ = Console.Error;
        _ = Console.Out;
        _ = EqualityComparer<int>.Default;
    }
}

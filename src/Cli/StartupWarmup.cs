using System.Text.Json;

namespace Drydock.Cli;

/// <summary>
/// Runs on a second core, while the main thread builds and parses the command line, the one-time set-up that the
/// first JSON string read of a process pays. System.Text.Json's reader helpers build a char SearchValues in their
/// static constructor, and its generic-math code is not precompiled by ReadyToRun: it is JIT-compiled at every
/// start, 3 ms of a 50 ms cached build, on the path of every command that reads an image record.
/// </summary>
internal static class StartupWarmup
{
    public static void Start()
    {
        if (Environment.ProcessorCount < 2) return;
        new Thread(ReadJsonString) { IsBackground = true, Name = "startup warm-up" }.UnsafeStart();
    }

    private static void ReadJsonString()
    {
        var reader = new Utf8JsonReader("\"\""u8);
        reader.Read();
    }
}

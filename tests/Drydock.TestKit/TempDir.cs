namespace Drydock.TestKit;

/// <summary>A fresh directory under /var/tmp (a real disk, where overlayfs works) removed on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir(string prefix = "drydock-test")
    {
        string parent = Environment.GetEnvironmentVariable("DRYDOCK_TEST_TMP") ?? "/var/tmp";
        Path = System.IO.Path.Combine(parent, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a test that left a mount behind: the path stays for inspection rather than failing the test run
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

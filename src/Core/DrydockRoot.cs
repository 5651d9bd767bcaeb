namespace Drydock.Core;

/// <summary>
/// Where a Drydock store lives: --root, else DRYDOCK_ROOT, else /var/lib/drydock for root and
/// $XDG_DATA_HOME/drydock (~/.local/share/drydock) for everyone else. Every room keeps its data in its own
/// sub-directory of this root, so two processes agree on the layout by construction.
/// </summary>
public sealed class DrydockRoot
{
    public DrydockRoot(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    public string Content => Sub("content");
    public string Images => Sub("images");
    public string Snapshots => Sub("snapshots");
    public string Cache => Sub("cache");
    public string Containers => Sub("containers");
    public string Leases => Sub("leases");
    public string Tmp => Sub("tmp");

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public static DrydockRoot Resolve(string? rootOption)
    {
        if (!string.IsNullOrEmpty(rootOption)) return new DrydockRoot(rootOption);
        string? env = Environment.GetEnvironmentVariable("DRYDOCK_ROOT");
        if (!string.IsNullOrEmpty(env)) return new DrydockRoot(env);
        if (Environment.IsPrivilegedProcess) return new DrydockRoot("/var/lib/drydock");
        string? xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(xdg))
            xdg = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return new DrydockRoot(System.IO.Path.Combine(xdg, "drydock"));
    }
}

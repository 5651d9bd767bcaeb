using System.Collections.Concurrent;
using System.Globalization;
using Drydock.Core;

namespace Drydock.Snapshotter.Metadata;

/// <summary>
/// Sessions tell a fresh open whether crash recovery has anything to find. Before its first change to the root
/// an instance leaves an empty file under sessions/ named by its process; when the process exits with none of
/// its actives or views left, the file goes. A file whose process is gone is the trace of a crash (or of a
/// process stopped mid-build): only then does an open read every record. A root from before sessions existed is
/// recovered once, then marked.
/// </summary>
internal abstract partial class MetadataSnapshotter
{
    private const string SessionsInUse = ".in-use";
    private readonly Lock _sessionLock = new();
    private readonly ConcurrentDictionary<string, byte> _owned = new(StringComparer.Ordinal);
    private string? _session;

    /// <summary>Called before every change to the root, and before an owned active or view is made.</summary>
    private void EnterSession()
    {
        if (_session is not null) return;
        lock (_sessionLock)
        {
            if (_session is not null) return;
            ProcessIdentity me = ProcessIdentity.Current;
            string path = Path.Combine(Paths.Sessions, $"{me.Pid}-{me.StartTime}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Paths.Sessions);
            File.WriteAllBytes(path, []);
            _session = path;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => LeaveSession();
        }
    }

    private void LeaveSession()
    {
        // an active still owned (a build stopped by a signal) keeps the session: the next open cleans it up
        if (_session is not { } path || !_owned.IsEmpty) return;
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Whether any process that changed the root ended without cleaning up (or the root predates sessions).</summary>
    private bool NeedsRecovery(out List<string> deadSessions)
    {
        deadSessions = [];
        if (!File.Exists(Path.Combine(Paths.Sessions, SessionsInUse))) return true;
        foreach (string file in Directory.EnumerateFiles(Paths.Sessions))
        {
            string[] parts = Path.GetFileName(file).Split('-');
            if (parts.Length != 3) continue;
            bool alive = int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong start)
                && new ProcessIdentity(pid, start).IsAlive;
            if (!alive) deadSessions.Add(file);
        }
        return deadSessions.Count > 0;
    }

    /// <summary>After a recovery under the lock: the dead sessions are dealt with, and the root is marked as using sessions.</summary>
    private void EndRecovery(List<string> deadSessions)
    {
        foreach (string file in deadSessions) File.Delete(file);
        string inUse = Path.Combine(Paths.Sessions, SessionsInUse);
        if (!File.Exists(inUse)) File.WriteAllBytes(inUse, []);
    }
}

namespace Drydock.Core;

/// <summary>
/// Deletes a directory tree without following links: what Directory.Delete(path, recursive: true) does, but
/// its walk enumerates with a generic enumerator that ReadyToRun cannot precompile, and JIT-compiling that cost
/// every `drydock run` a millisecond (a container's snapshot, record and runtime state are each a small tree).
/// A link to a directory is removed as a link. Anything this walk cannot remove is left to Directory.Delete,
/// which then either removes it or reports why not.
/// </summary>
public static class DirectoryTree
{
    public static void Delete(string path)
    {
        try
        {
            DeleteContents(path);
            Directory.Delete(path);
        }
        catch (IOException) when (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private static void DeleteContents(string directory)
    {
        // files here are every entry that is not a directory: links, devices (overlay whiteouts), fifos, sockets
        foreach (string file in Directory.GetFiles(directory)) File.Delete(file);
        foreach (string sub in Directory.GetDirectories(directory))
        {
            // lstat: a link to a directory is listed with the directories, and must never be walked into
            if ((File.GetAttributes(sub) & FileAttributes.ReparsePoint) != 0)
            {
                File.Delete(sub);
                continue;
            }
            DeleteContents(sub);
            Directory.Delete(sub);
        }
    }
}

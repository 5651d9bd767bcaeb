using System.Globalization;
using Drydock.Core;

namespace Drydock.Solver.Executors;

/// <summary>
/// Resolves USER and --chown values ("name", "uid", "name:group", "uid:gid") against a root's /etc/passwd and
/// /etc/group as docker does: names must exist, numbers are used as they are, the group defaults to the
/// user's primary group for USER, and to the uid for --chown.
/// </summary>
internal static class UserSpec
{
    public static (uint Uid, uint Gid) Resolve(string? spec, string? passwd, string? group, bool chown = false)
    {
        if (string.IsNullOrEmpty(spec)) return (0, 0);
        int colon = spec.IndexOf(':', StringComparison.Ordinal);
        string userPart = colon < 0 ? spec : spec[..colon];
        string? groupPart = colon < 0 ? null : spec[(colon + 1)..];
        uint uid, gid;
        if (uint.TryParse(userPart, NumberStyles.None, CultureInfo.InvariantCulture, out uid))
        {
            string[]? byId = Entries(passwd, 7).FirstOrDefault(e => e[2] == userPart);
            gid = byId is not null && uint.TryParse(byId[3], CultureInfo.InvariantCulture, out uint g) ? g : 0;
        }
        else
        {
            string[] entry = Entries(passwd, 7).FirstOrDefault(e => e[0] == userPart)
                ?? throw new DrydockException(ErrorKind.NotFound, $"unable to find user {userPart}: no matching entries in passwd file");
            uid = uint.Parse(entry[2], CultureInfo.InvariantCulture);
            gid = uint.Parse(entry[3], CultureInfo.InvariantCulture);
        }
        // docker: "a username without groupname or a UID without GID will use the same numeric UID as the GID"
        if (chown && string.IsNullOrEmpty(groupPart)) gid = uid;
        if (!string.IsNullOrEmpty(groupPart))
        {
            if (!uint.TryParse(groupPart, NumberStyles.None, CultureInfo.InvariantCulture, out gid))
            {
                string[] g = Entries(group, 4).FirstOrDefault(e => e[0] == groupPart)
                    ?? throw new DrydockException(ErrorKind.NotFound, $"unable to find group {groupPart}: no matching entries in group file");
                gid = uint.Parse(g[2], CultureInfo.InvariantCulture);
            }
        }
        return (uid, gid);
    }

    /// <summary>True when the spec needs no passwd/group lookup.</summary>
    public static bool IsNumeric(string? spec)
        => string.IsNullOrEmpty(spec) || spec.Split(':').All(p => p.Length > 0 && p.All(char.IsAsciiDigit)) && spec.Split(':').Length <= 2;

    private static IEnumerable<string[]> Entries(string? file, int fields)
    {
        if (file is null) yield break;
        foreach (string line in file.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] parts = line.Split(':');
            if (parts.Length >= Math.Min(fields, 4)) yield return parts;
        }
    }
}

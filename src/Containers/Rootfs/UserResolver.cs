using System.Globalization;
using Drydock.Core;

namespace Drydock.Containers.Rootfs;

/// <summary>
/// Resolves docker's USER / -u value ("", "name", "uid", "name:group", "uid:gid") the way runc's user package
/// does for docker: names are looked up in the image's /etc/passwd and /etc/group (an unknown name is an
/// error, an unknown number is used as is), the primary group comes from passwd unless a group is given, and
/// supplementary groups are the /etc/group entries listing the user, unless a group is given.
/// </summary>
internal static class UserResolver
{
    public static ExecUser Resolve(string? spec, string? passwd, string? group)
    {
        spec = string.IsNullOrEmpty(spec) ? "0" : spec;
        int colon = spec.IndexOf(':');
        string userPart = colon < 0 ? spec : spec[..colon];
        string? groupPart = colon < 0 ? null : spec[(colon + 1)..];
        if (userPart.Length == 0) userPart = "0";

        var users = ParseFile(passwd, 7);
        var groups = ParseFile(group, 4);
        bool numericUser = TryParseId(userPart, out uint uid);
        string[]? entry = users.Find(u => numericUser ? TryParseId(u[2], out uint id) && id == uid : u[0] == userPart);
        if (entry is null && !numericUser)
            throw new DrydockException(ErrorKind.NotFound, $"unable to find user {userPart}: no matching entries in passwd file");

        string home = entry is not null && entry[5].Length > 0 ? entry[5] : "/";
        string? userName = entry?[0];
        if (entry is not null) uid = ParseId(entry[2]);
        uint gid = entry is not null && TryParseId(entry[3], out uint primary) ? primary : 0;

        if (!string.IsNullOrEmpty(groupPart))
        {
            if (TryParseId(groupPart, out uint explicitGid)) return new ExecUser(uid, explicitGid, [], home);
            string[] g = groups.Find(x => x[0] == groupPart)
                ?? throw new DrydockException(ErrorKind.NotFound, $"unable to find group {groupPart}: no matching entries in group file");
            return new ExecUser(uid, ParseId(g[2]), [], home);
        }

        var additional = new List<uint>();
        if (userName is not null)
        {
            foreach (string[] g in groups)
            {
                if (!g[3].Split(',').Contains(userName) || !TryParseId(g[2], out uint sgid)) continue;
                if (!additional.Contains(sgid)) additional.Add(sgid);
            }
        }
        return new ExecUser(uid, gid, additional, home);
    }

    // passwd(5) and group(5): colon-separated, '#' comments skipped as libc does; short lines padded
    private static List<string[]> ParseFile(string? text, int fields)
    {
        var rows = new List<string[]>();
        if (text is null) return rows;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            string[] parts = line.Split(':');
            if (parts.Length < fields) Array.Resize(ref parts, fields);
            for (int i = 0; i < parts.Length; i++) parts[i] ??= "";
            rows.Add(parts);
        }
        return rows;
    }

    private static bool TryParseId(string s, out uint id) => uint.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    private static uint ParseId(string s) => TryParseId(s, out uint id) ? id : 0;
}

using Drydock.Core;

namespace Drydock.Solver.Executors;

/// <summary>
/// --chmod values: octal ("0755", "644") or symbolic as chmod(1) takes them ("+x", "u=rwX,go=rX", "a-w").
/// X sets execute only on directories and on files that already have an execute bit.
/// </summary>
internal sealed class ChmodSpec
{
    private readonly int? _octal;
    private readonly List<(int Who, char Op, string Perms)> _clauses = [];

    private ChmodSpec(int? octal) => _octal = octal;

    public static ChmodSpec Parse(string spec)
    {
        ArgumentException.ThrowIfNullOrEmpty(spec);
        if (spec.All(c => c is >= '0' and <= '7'))
        {
            if (spec.Length > 4) throw Invalid(spec);
            return new ChmodSpec(Convert.ToInt32(spec, 8));
        }
        var result = new ChmodSpec(null);
        foreach (string clause in spec.Split(','))
        {
            int i = 0, who = 0;
            for (; i < clause.Length && clause[i] is 'u' or 'g' or 'o' or 'a'; i++)
                who |= clause[i] switch { 'u' => 0b100, 'g' => 0b010, 'o' => 0b001, _ => 0b111 };
            if (who == 0) who = 0b111;
            if (i >= clause.Length || clause[i] is not ('+' or '-' or '=')) throw Invalid(spec);
            char op = clause[i];
            string perms = clause[(i + 1)..];
            if (perms.Any(c => c is not ('r' or 'w' or 'x' or 'X' or 's' or 't'))) throw Invalid(spec);
            result._clauses.Add((who, op, perms));
        }
        return result;
    }

    public UnixFileMode Apply(UnixFileMode current, bool isDirectory)
    {
        if (_octal is { } octal) return (UnixFileMode)octal;
        int mode = (int)current;
        foreach (var (who, op, perms) in _clauses)
        {
            int bits = 0;
            foreach (char p in perms)
            {
                int rwx = p switch
                {
                    'r' => 4,
                    'w' => 2,
                    'x' => 1,
                    'X' => isDirectory || (mode & 0b001_001_001) != 0 ? 1 : 0,
                    _ => 0,
                };
                for (int shift = 0; shift < 3; shift++)
                    if ((who & (1 << shift)) != 0) bits |= rwx << (shift * 3);
                if (p == 's') bits |= ((who & 0b100) != 0 ? 0x800 : 0) | ((who & 0b010) != 0 ? 0x400 : 0);
                if (p == 't') bits |= 0x200;
            }
            int mask = 0;
            for (int shift = 0; shift < 3; shift++)
                if ((who & (1 << shift)) != 0) mask |= 7 << (shift * 3);
            mode = op switch
            {
                '+' => mode | bits,
                '-' => mode & ~bits,
                _ => (mode & ~mask) | bits,
            };
        }
        return (UnixFileMode)mode;
    }

    private static DrydockException Invalid(string spec)
        => new(ErrorKind.InvalidArgument, $"invalid --chmod value '{spec}': expected octal (0755) or symbolic (u=rwX,go=rX)");
}

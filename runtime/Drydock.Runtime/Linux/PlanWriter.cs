using System.Globalization;
using System.Text;

namespace Drydock.Runtime.Linux;

/// <summary>The plan's wire form: NUL-terminated tokens, read in order by drydock-init.c.</summary>
internal sealed class PlanWriter
{
    private readonly List<string> _tokens = [];

    public IReadOnlyList<string> Tokens => _tokens;

    public PlanWriter Op(string name, params object[] args)
    {
        _tokens.Add(name);
        foreach (object a in args)
        {
            string s = a switch
            {
                string text => text,
                bool b => b ? "1" : "0",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => a.ToString() ?? "",
            };
            if (s.Contains('\0', StringComparison.Ordinal)) throw new ArgumentException($"plan token for '{name}' contains NUL");
            _tokens.Add(s);
        }
        return this;
    }

    public byte[] ToBytes()
    {
        var sb = new StringBuilder();
        foreach (string t in _tokens) sb.Append(t).Append('\0');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Drydock.Core;
using Drydock.Solver.Graph;

namespace Drydock.Solver.Cache;

/// <summary>
/// Says why a step was not cached by comparing what it is keyed on now with what it was keyed on the last
/// time the same step (same Dockerfile, stage and position) ran: "COPY source src/a changed",
/// "build arg N changed", "parent step rebuilt", "--no-cache".
/// </summary>
public sealed class MissExplainer
{
    private readonly string _dir;

    public MissExplainer(string solverCacheDirectory)
    {
        _dir = Path.Combine(solverCacheDirectory, "steps");
        Directory.CreateDirectory(_dir);
    }

    public async ValueTask<string> ExplainAsync(Vertex vertex, StepFacts now, bool anyInputRebuilt, CancellationToken cancellationToken)
        => Explain(await EarlierAsync(vertex, cancellationToken).ConfigureAwait(false), vertex, now, anyInputRebuilt);

    /// <summary>
    /// What an earlier build of the same step was keyed on and the contents it took per subject, when that
    /// build was of the same instruction: a COPY can take its unchanged files from that result.
    /// </summary>
    internal static EarlierStep? SameInstruction(StepRecord? before, StepFacts now)
        => before is not null && before.Op == now.OpJson && before.Key != now.Key.ToString() && Digest.TryParse(before.Key, out Digest key)
            ? new EarlierStep(new CacheKey(key), before.Content.Where(c => c.Files is not null).ToDictionary(c => c.Subject, c => c.Files!, StringComparer.Ordinal))
            : null;

    internal static string Explain(StepRecord? before, Vertex vertex, StepFacts now, bool anyInputRebuilt)
    {
        ArgumentNullException.ThrowIfNull(vertex);
        ArgumentNullException.ThrowIfNull(now);
        if (before is null) return "no earlier build of this step";
        if (before.Key == now.Key.ToString()) return "cached result was removed";
        if (!before.Inputs.SequenceEqual(now.Inputs.Select(i => i.ToString()))) return anyInputRebuilt ? "parent step rebuilt" : "parent step changed";
        if (before.Op != now.OpJson) return ExplainOp(vertex, before.Op, now.OpJson);
        foreach (ContentChecksum c in now.Content)
        {
            StepContent? old = before.Content.FirstOrDefault(o => o.Subject == c.Subject);
            if (old is null || old.Checksum == c.Checksum.ToString()) continue;
            return ExplainFiles(c, old);
        }
        return "cache key changed";
    }

    public async ValueTask RecordAsync(Vertex vertex, StepFacts now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vertex);
        ArgumentNullException.ThrowIfNull(now);
        var record = new StepRecord(now.Key.ToString(), now.OpJson, now.Inputs.Select(i => i.ToString()).ToList(),
            now.Content.Select(c => new StepContent(c.Subject, c.Checksum.ToString(), c.Files)).ToList());
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(record, CacheJsonContext.Default.StepRecord);
        await AtomicFile.WriteAsync(PathOf(vertex), json, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The record of the last build of this step, or null.</summary>
    internal async ValueTask<StepRecord?> EarlierAsync(Vertex vertex, CancellationToken cancellationToken)
    {
        try
        {
            byte[] json = await File.ReadAllBytesAsync(PathOf(vertex), cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize(json, CacheJsonContext.Default.StepRecord);
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    private string PathOf(Vertex vertex) => Path.Combine(_dir, Digest.Sha256(Encoding.UTF8.GetBytes(vertex.Info.StepId)).Encoded);

    internal static string ExplainOp(Vertex vertex, string before, string now)
    {
        JsonNode? a = JsonNode.Parse(before), b = JsonNode.Parse(now);
        if (a?["op"]?.GetValue<string>() == "image" && b?["op"]?.GetValue<string>() == "image")
            return $"base image {b["Reference"]} changed";
        Dictionary<string, string> envA = Env(a), envB = Env(b);
        foreach (string name in envA.Keys.Union(envB.Keys).Order(StringComparer.Ordinal))
        {
            if (envA.GetValueOrDefault(name) == envB.GetValueOrDefault(name)) continue;
            return vertex.Info.BuildArgs.Contains(name) ? $"build arg {name} changed" : $"ENV {name} changed";
        }
        return "instruction changed";
    }

    private static Dictionary<string, string> Env(JsonNode? op)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (op?["Env"] is JsonArray array)
        {
            foreach (JsonNode? e in array)
            {
                string s = e?.GetValue<string>() ?? "";
                int eq = s.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0) env[s[..eq]] = s[(eq + 1)..];
            }
        }
        return env;
    }

    private static string ExplainFiles(ContentChecksum now, StepContent before)
    {
        if (now.Files is null || before.Files is null) return $"{now.Subject} changed";
        var changed = new List<string>();
        foreach (var (path, sum) in now.Files)
        {
            if (!before.Files.TryGetValue(path, out string? old)) changed.Add(path + " added");
            else if (old != sum) changed.Add(path + " changed");
        }
        foreach (string path in before.Files.Keys)
            if (!now.Files.ContainsKey(path)) changed.Add(path + " removed");
        if (changed.Count == 0) return $"{now.Subject} changed";
        changed.Sort(StringComparer.Ordinal);
        string more = changed.Count > 1 ? $" (and {changed.Count - 1} more)" : "";
        return $"{now.Subject} {changed[0]}{more}";
    }
}

/// <summary>What one step is keyed on: the key, the op's canonical JSON, each input's part and the content checksums.</summary>
public sealed record StepFacts(CacheKey Key, string OpJson, IReadOnlyList<Digest> Inputs, IReadOnlyList<ContentChecksum> Content);

using System.Text.RegularExpressions;
using Drydock.Parser.Instructions;

namespace Drydock.Parser.Lint;

public static partial class Linter
{
    [GeneratedRegex(@"(?i)(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)")]
    private static partial Regex SecretName();

    private static void CheckStageBody(Stage stage, Action<string, string, SourceRange> add)
    {
        bool workdirSet = false, shellSet = false;
        var lastOfKind = new Dictionary<string, Instruction>(StringComparer.Ordinal);
        foreach (Instruction instruction in stage.Instructions)
        {
            switch (instruction)
            {
                case KeyValueInstruction { LegacyForm: true } kv:
                    add(LintRules.LegacyKeyValueFormat, $"\"{kv.Keyword} key=value\" should be used instead of legacy \"{kv.Keyword} key value\" format", kv.Range);
                    break;
                case MaintainerInstruction m:
                    add(LintRules.MaintainerDeprecated, "Maintainer instruction is deprecated in favor of using label", m.Range);
                    break;
                case WorkdirInstruction w:
                    if (!workdirSet && !IsAbsolute(w.Path))
                        add(LintRules.WorkdirRelativePath, $"Relative workdir \"{w.Path}\" can have unexpected results if the base image changes", w.Range);
                    workdirSet = true;
                    break;
                case ShellInstruction:
                    shellSet = true;
                    break;
                case ExposeInstruction e:
                    foreach (string port in e.Ports)
                    {
                        int slash = port.IndexOf('/', StringComparison.Ordinal);
                        if (slash >= 0 && port[(slash + 1)..] != port[(slash + 1)..].ToLowerInvariant())
                            add(LintRules.ExposeProtoCasing, $"Defined protocol '{port}' in EXPOSE instruction should be lowercase", e.Range);
                    }
                    break;
            }
            if (instruction is CmdInstruction or EntrypointInstruction)
            {
                var c = (CommandLineInstruction)instruction;
                if (c.PrependShell && !shellSet)
                    add(LintRules.JSONArgsRecommended, $"JSON arguments recommended for {c.Keyword} to prevent unintended behavior related to OS signals", c.Range);
            }
            if (instruction is CmdInstruction or EntrypointInstruction or HealthcheckInstruction)
            {
                if (lastOfKind.TryGetValue(instruction.Keyword, out Instruction? previous))
                {
                    add(LintRules.MultipleInstructionsDisallowed,
                        $"Multiple {instruction.Keyword} instructions should not be used in the same stage because only the last one will be used", previous.Range);
                }
                lastOfKind[instruction.Keyword] = instruction;
            }
            CheckSecrets(instruction, add);
        }
    }

    private static void CheckSecrets(Instruction instruction, Action<string, string, SourceRange> add)
    {
        IEnumerable<string> names = instruction switch
        {
            ArgInstruction a => a.Args.Select(x => x.Key),
            EnvInstruction e => e.Pairs.Select(p => p.Key),
            _ => [],
        };
        foreach (string name in names)
        {
            if (SecretName().IsMatch(name))
                add(LintRules.SecretsUsedInArgOrEnv, $"Do not use ARG or ENV instructions for sensitive data ({instruction.Keyword} \"{name}\")", instruction.Range);
        }
    }

    /// <summary>Unix absolute paths, and Windows ones (<c>C:\</c>, <c>C:/</c>) for Windows Dockerfiles.</summary>
    private static bool IsAbsolute(string path) =>
        path.StartsWith('/') || path.StartsWith('$') || (path.Length >= 3 && char.IsAsciiLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/');
}

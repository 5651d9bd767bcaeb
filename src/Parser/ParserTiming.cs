using Drydock.Parser.Expansion;
using Drydock.Parser.Instructions;

namespace Drydock.Parser;

/// <summary>The parse-and-expand path the build takes, without a build: what <c>drydock debug ast --time</c> measures.</summary>
internal static class ParserTiming
{
    /// <summary>Parses into stages and expands every instruction; returns the number of instructions.</summary>
    public static int ParseAndExpand(ReadOnlySpan<byte> bytes, string fileName)
    {
        Dockerfile dockerfile = DockerfileParser.Parse(bytes, fileName);
        var global = VariableScope.CreateGlobal(dockerfile, new Dictionary<string, string>(), PlatformArgs.Host);
        int count = dockerfile.GlobalArgs.Count;
        foreach (Stage stage in dockerfile.Stages)
        {
            InstructionExpander.Expand(stage.From, global);
            VariableScope scope = global.ForStage([]);
            foreach (Instruction instruction in stage.Instructions)
            {
                scope.Apply(InstructionExpander.Expand(instruction, scope).Instruction);
            }
            count += stage.Instructions.Count + 1;
        }
        return count;
    }
}
